"""Lock-in analysis: pure functions over networkx graphs."""
