"""Stores and projections of the model: rdflib, networkx, Neo4j, pyvis HTML."""
