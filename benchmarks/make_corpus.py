"""Write a synthetic corpus of news-like articles about AI infrastructure, from our own templates.

    python benchmarks/make_corpus.py N OUT_DIR [--seed 7]

writes ``OUT_DIR/articles/KK/NNNNNN.txt`` (front matter + about 300 words; 1,000 files a folder)
and ``OUT_DIR/feed.jsonl`` holding the same N articles as feed records. Every sentence comes
from the templates below, with companies, people, numbers, quotes and dates drawn from a seeded
generator, so the same N and seed give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CLOUDS = [
    "AWS",
    "Microsoft Azure",
    "Google Cloud",
    "Oracle Cloud",
    "CoreWeave",
    "Lambda",
    "Nebius",
    "Crusoe",
    "IBM Cloud",
    "Alibaba Cloud",
]
CHIPMAKERS = [
    "Nvidia",
    "AMD",
    "Intel",
    "Broadcom",
    "Marvell",
    "Cerebras",
    "Groq",
    "Qualcomm",
    "Arm",
    "TSMC",
]
LABS = [
    "OpenAI",
    "Anthropic",
    "Mistral AI",
    "Cohere",
    "xAI",
    "Meta",
    "DeepMind",
    "Stability AI",
    "Perplexity",
    "Character.AI",
]
CHIPS = ["H200", "B300", "MI355X", "Gaudi 3", "Trainium3", "TPU v7", "GB300", "MI450"]
PEOPLE = [
    "Maria Okafor",
    "Daniel Reyes",
    "Priya Natarajan",
    "Tomás Lindqvist",
    "Hannah Kim",
    "Olu Adeyemi",
    "Sofia Marchetti",
    "Kenji Watanabe",
    "Leila Haddad",
    "Erik Johansson",
]
ROLES = [
    "chief executive",
    "head of infrastructure",
    "chief financial officer",
    "vice president of data centers",
    "chief technology officer",
]
PLACES = [
    "Texas",
    "Ohio",
    "Ireland",
    "Norway",
    "Singapore",
    "Japan",
    "Saudi Arabia",
    "the Netherlands",
    "Arizona",
    "India",
]
PUBLISHERS = [
    "Circuit Ledger",
    "Rack & Stack",
    "The Compute Report",
    "Silicon Weekly",
    "Datacenter Dispatch",
    "Cloud Economics Review",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

TITLES = [
    "{cloud} to deploy {count} {chipmaker} chips in {place} through {year}",
    "{lab} signs ${money} billion compute deal with {cloud} for {years} years",
    "{chipmaker} and {cloud} expand {chip} capacity by {percent}% in {place}",
    "{cloud} plans {power} gigawatt campus in {place} for {lab} by {year}",
    "{lab} picks {chipmaker} {chip} for ${money} billion training cluster",
]

SENTENCES = [
    "{cloud} said on {weekday} that it will deploy {count} {chipmaker} {chip} accelerators "
    "across its regions by the end of {year}.",
    "The agreement is worth about ${money} billion over {years} years, according to people "
    "familiar with the terms.",
    "{lab} will use the capacity to train and serve its next generation of models.",
    '"We need every chip we can get, and we need it sooner than anyone planned," said '
    "{person}, {role} of {lab}.",
    "{person}, {role} at {cloud}, said the company expects demand to keep rising through {year}.",
    "Shares of {chipmaker} rose {percent}% in early trading after the announcement.",
    "{cloud} also builds its own silicon, but most of its AI fleet still runs on {chipmaker} "
    "hardware.",
    "The first phase of the {place} site will draw {power} gigawatts of power when it opens "
    "in {month} {year}.",
    "Analysts estimate that inference now accounts for {percent}% of the compute that {lab} buys.",
    "{chipmaker} supplies the networking gear as well as the accelerators, which makes the "
    "stack harder to replace.",
    "A spokesperson for {chipmaker} declined to comment on pricing.",
    "{lab} has committed to spend ${money} billion on cloud services over the next {years} years.",
    "The deal follows a similar contract that {lab} signed with {cloud2} in {month} {year0}.",
    "{cloud2} and {cloud} compete for the same customers, and both are racing to secure supply.",
    "Under the terms, {cloud} will reserve {count} {chip} units for {lab} until {year}.",
    '"This is about building capacity that lasts a decade," {person} told reporters on {weekday}.',
    "The order makes {lab} one of the largest buyers of {chipmaker} chips outside the big clouds.",
    "{chipmaker} said its {chip} delivers {percent}% more performance per watt than the "
    "previous generation.",
    "Regulators in {place} are reviewing the power contracts for the new campus.",
    "{cloud} has invested ${money} billion in data centers in {place} since {year0}.",
    "Roughly {count} servers will be installed in the first year, the company said.",
    "Some customers worry that relying on a single supplier leaves them exposed to price rises.",
    "{lab} said it would keep buying from several vendors to avoid being locked in.",
    "The companies did not disclose how much of the capacity is reserved for training.",
    "{person} said the partnership with {chipmaker} goes back to {year0}.",
    "Industry trackers put the global shortage of {chip} units at about {count} chips.",
    "{cloud2} said separately that it had signed a ${money} billion agreement with {lab2}.",
    "The new region in {place} will be the {nth} that {cloud} has opened this year.",
    "Power for the site will come partly from a {power} gigawatt solar farm nearby.",
    "{lab2} is also in talks with {chipmaker2} about an alternative to {chipmaker} hardware.",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One synthetic article, with the fields a feed record has."""

    title: str
    published: str
    publisher: str
    url: str
    body: str

    def as_text(self) -> str:
        """The article as a ``.txt`` file with front matter."""
        return (
            f"---\ntitle: {json.dumps(self.title)}\npublished: {self.published}\n"
            f"publisher: {self.publisher}\nurl: {self.url}\n---\n{self.title}\n\n{self.body}\n"
        )

    def as_record(self) -> dict[str, str]:
        """The article as a JSON Lines feed record."""
        return {
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "publisher": self.publisher,
            "text": f"{self.title}\n\n{self.body}\n",
        }


def _slots(rng: random.Random) -> dict[str, object]:
    cloud, cloud2 = rng.sample(CLOUDS, 2)
    chipmaker, chipmaker2 = rng.sample(CHIPMAKERS, 2)
    lab, lab2 = rng.sample(LABS, 2)
    year = rng.randint(2026, 2031)
    return {
        "cloud": cloud,
        "cloud2": cloud2,
        "chipmaker": chipmaker,
        "chipmaker2": chipmaker2,
        "lab": lab,
        "lab2": lab2,
        "chip": rng.choice(CHIPS),
        "person": rng.choice(PEOPLE),
        "role": rng.choice(ROLES),
        "place": rng.choice(PLACES),
        "year": year,
        "year0": rng.randint(2015, 2025),
        "years": rng.randint(2, 12),
        "month": rng.choice(MONTHS),
        "weekday": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        "count": f"{rng.randint(2, 999) * 1000:,}",
        "money": rng.randint(1, 120),
        "percent": rng.randint(3, 95),
        "power": rng.choice(["1", "1.5", "2", "3", "4.5", "6"]),
        "nth": rng.choice(["second", "third", "fourth", "fifth", "sixth"]),
    }


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    paragraphs, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if len(current) >= rng.randint(2, 4):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def make_article(index: int, *, seed: int = 7, words: int = 300) -> Article:
    """Return article number `index` of the corpus drawn with `seed`."""
    rng = random.Random(seed * 1_000_003 + index)
    slots = _slots(rng)
    chosen: list[str] = []
    for template in rng.sample(SENTENCES, len(SENTENCES)):
        fresh = _slots(rng)  # now and then a sentence about other companies
        chosen.append(template.format(**(fresh if rng.random() < 0.2 else slots)))
        if sum(len(s.split()) for s in chosen) >= words:
            break
    year, month, day = rng.randint(2023, 2026), rng.randint(1, 12), rng.randint(1, 28)
    return Article(
        title=rng.choice(TITLES).format(**slots),
        published=f"{year}-{month:02d}-{day:02d}",
        publisher=rng.choice(PUBLISHERS),
        url=f"https://news.example.org/{index:06d}",
        body=_paragraphs(chosen, rng),
    )


def iter_articles(count: int, *, seed: int = 7) -> Iterator[Article]:
    """Yield the first `count` articles of the corpus drawn with `seed`."""
    for index in range(count):
        yield make_article(index, seed=seed)


def write_corpus(count: int, out_dir: Path, *, seed: int = 7) -> Path:
    """Write `count` articles and ``feed.jsonl`` under `out_dir`; return the articles folder."""
    articles = out_dir / "articles"
    with (out_dir / "feed.jsonl").open("w", encoding="utf-8") as feed:
        for index, article in enumerate(iter_articles(count, seed=seed)):
            path = articles / f"{index // 1000:02d}" / f"{index:06d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article.as_text(), encoding="utf-8")
            feed.write(json.dumps(article.as_record(), sort_keys=True) + "\n")
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many articles")
    parser.add_argument("out_dir", type=Path, help="folder to write into (created)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    articles = write_corpus(args.count, args.out_dir, seed=args.seed)
    print(f"wrote {args.count} articles under {articles} and {args.out_dir / 'feed.jsonl'}")


if __name__ == "__main__":
    main()
