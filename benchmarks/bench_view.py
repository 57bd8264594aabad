"""Time the pyvis view: page build vs a naive pyvis build, and time-to-usable in Chromium.

Run: python benchmarks/bench_view.py [--sizes 100 1000 5000] [--no-browser]

The baseline is what pyvis does out of the box: add_node/add_edge one by one, physics on,
generate_html. Time-to-usable is measured in headless Chromium, offline, from navigation start
to the network's first ``afterDrawing`` (ours) or ``stabilized`` (baseline, physics on).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx

from vendorgraph.graph.view import render_view

# Every node shown at first, as the baseline shows them (the page hides people and offerings
# off the supply chain by default; showing them is the slower case).
SHOW_ALL = {"hide": (), "hide_lone_offerings": False}
TYPES = ["CloudProvider", "ChipVendor", "AILab", "Chip", "Product", "Person", "Technology"]


def synthetic(n: int, *, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"org/e{i:05d}", kind="entity", type=TYPES[i % len(TYPES)], label=f"E{i}")
    for k in range(int(1.5 * n)):
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            G.add_edge(
                f"org/e{u:05d}",
                f"org/e{v:05d}",
                key=f"r{k}",
                predicate="supplies",
                evidence=f"Synthetic sentence number {k}.",
                switching_cost=round(rng.random(), 3),
            )
    return G


def naive(G: nx.MultiDiGraph) -> str:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node, attrs in G.nodes(data=True):
        net.add_node(node, label=attrs["label"], title=attrs["type"])
    for u, v, attrs in G.edges(data=True):
        net.add_edge(u, v, title=attrs["evidence"], width=1 + 7 * attrs["switching_cost"])
    return net.generate_html()


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    flags = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
    flags += " --disable-background-networking --disable-component-update --disable-sync"
    for flag in [*flags.split(), "--window-size=1280,860", f"--user-data-dir={tempfile.mkdtemp()}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
    )
    return driver


HOOK = (
    "<script>window.addEventListener('load', function () {"
    " network.once('stabilized', function () { window.vgReadyAt = performance.now(); });"
    "});</script></body>"
)


def usable(driver, page: Path, timeout: float) -> float:
    """Milliseconds from navigation start until the page sets window.vgReadyAt."""
    driver.get(page.as_uri())
    deadline = time.monotonic() + timeout
    from selenium.common.exceptions import TimeoutException

    try:
        while (ready := driver.execute_script("return window.vgReadyAt || null")) is None:
            if time.monotonic() > deadline:
                return float("inf")
            time.sleep(0.02)
    except TimeoutException:  # the renderer is busy settling physics: not usable
        return float("inf")
    return float(ready)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--baseline-timeout", type=float, default=90.0)
    parser.add_argument("--baseline-max", type=int, default=1000, help="skip slower baselines")
    args = parser.parse_args()
    driver = None if args.no_browser else browser()
    out = Path(tempfile.mkdtemp())
    render_view(synthetic(10))  # warm up: read the vis-network assets once
    header = "nodes  build s  naive s  ratio   usable ms  naive ms  ratio"
    print(header)
    for n in args.sizes:
        G = synthetic(n)
        ours_s, ours = timed(render_view, G, max_nodes=n, **SHOW_ALL)
        naive_s, base = timed(naive, G)
        line = f"{n:5d}  {ours_s:7.2f}  {naive_s:7.2f}  {naive_s / ours_s:5.1f}x"
        if driver is not None:
            (out / "ours.html").write_text(ours, encoding="utf-8")
            (out / "naive.html").write_text(base.replace("</body>", HOOK), encoding="utf-8")
            ours_ms = usable(driver, out / "ours.html", 30)
            naive_ms = float("nan")
            if n <= args.baseline_max:
                naive_ms = usable(driver, out / "naive.html", args.baseline_timeout)
            line += f"  {ours_ms:9.0f}  {naive_ms:8.0f}  {naive_ms / ours_ms:5.1f}x"
        print(line, flush=True)
    if driver is not None:
        driver.quit()


if __name__ == "__main__":
    main()
