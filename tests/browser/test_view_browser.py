"""The HTML view in headless Chromium, offline: it draws, stays quiet, runs no article text."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import networkx as nx
import pytest

from vendorgraph.graph.view import write_view

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,860",
]


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    reason = "headless Chromium is absent (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = _chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.execute_cdp_cmd("Network.enable", {})
    offline = {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0}
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", offline)
    yield driver
    driver.quit()


def _graph() -> nx.MultiDiGraph:
    """Three companies, a chip and a person; the evidence and a label carry hostile HTML."""
    G = nx.MultiDiGraph()
    G.graph["articles"] = {"a1": {"title": f"Boards {IMG}", "published": "2025-03-04"}}
    G.graph["quotes"] = [{"id": "q", "speaker": "person/ivo", "text": SCRIPT, "article": "a1"}]
    for node, kind, label in [
        ("org/tessel", "ChipVendor", "Tessel"),
        ("org/harbor", "CloudProvider", "Harbor Cloud"),
        ("org/quanta", "AILab", "Quanta Labs"),
        ("chip/t9", "Chip", "T9"),
        ("person/ivo", "Person", f"Ivo {SCRIPT}"),
    ]:
        G.add_node(node, kind="entity", type=kind, label=label)
    for u, v, key, predicate, sentence in [
        ("org/tessel", "org/harbor", "r1", "supplies", f"Tessel ships T9 boards. {SCRIPT} {IMG}"),
        ("org/harbor", "chip/t9", "r2", "deploys", "Harbor racks T9 boards."),
        ("org/quanta", "org/harbor", "r3", "uses", "Quanta trains on Harbor Cloud."),
        ("org/tessel", "person/ivo", "r4", "employs", "Ivo runs Tessel."),
    ]:
        G.add_edge(
            u,
            v,
            key=key,
            predicate=predicate,
            evidence=sentence,
            source=f"Wire {IMG}",
            published="2025-03-04",
            speaker="person/ivo",
            article="a1",
        )
    return G


SCORES = {
    "companies": {"org/tessel": {"lockin": 0.8}, "org/harbor": {"lockin": 0.5}},
    "dependencies": {
        ("org/harbor", "org/tessel"): {"switching_cost": 0.7, "coverage": 0.4},
        ("org/quanta", "org/harbor"): {"switching_cost": 0.2, "coverage": 0.3},
    },
}


def _open(driver, path: Path) -> None:
    driver.get(path.as_uri())
    deadline = time.monotonic() + 10
    while not driver.execute_script("return window.vgReadyAt || null"):
        assert time.monotonic() < deadline, "the network never drew"
        time.sleep(0.05)


TOOLTIP = (
    "var t = document.querySelector('div.vis-tooltip');"
    "return t && t.style.visibility !== 'hidden' ? t.textContent : null;"
)


def _hover_at(driver, x: float, y: float) -> str:
    """Move the mouse to a point of the canvas and return the tooltip vis-network shows."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = driver.find_element(By.ID, "vg-network")
    size = canvas.size
    actions = ActionChains(driver)
    actions.move_to_element_with_offset(canvas, -size["width"] // 2 + 2, -size["height"] // 2 + 2)
    actions.perform()  # off any item first, so the tooltip of the last one goes
    deadline = time.monotonic() + 5
    while driver.execute_script(TOOLTIP):
        assert time.monotonic() < deadline, "the last tooltip stayed"
        time.sleep(0.05)
    actions = ActionChains(driver)
    actions.move_to_element_with_offset(
        canvas, int(x - size["width"] / 2) + 1, int(y - size["height"] / 2) + 1
    ).perform()
    while not (text := driver.execute_script(TOOLTIP)):
        assert time.monotonic() < deadline, "no tooltip appeared"
        time.sleep(0.05)
    return str(text)


def _hover_node(driver, node: str) -> str:
    """Move the mouse onto a node and return the text of the tooltip vis-network shows."""
    x, y = driver.execute_script(
        "var p = vgNetwork.canvasToDOM(vgNetwork.getPositions([arguments[0]])[arguments[0]]);"
        "return [p.x, p.y];",
        node,
    )
    return _hover_at(driver, x, y)


def _edge_middle(driver, edge: str) -> tuple[float, float]:
    """The point halfway along a drawn link, curved or straight, in page pixels."""
    x, y = driver.execute_script(
        "var e = vgNetwork.body.edges[arguments[0]];"
        "var p = vgNetwork.canvasToDOM(e.edgeType.getPoint(0.5));"
        "return [p.x, p.y];",
        edge,
    )
    return float(x), float(y)


# Schemes that never leave the machine: the page itself and Chromium's own internal pages
# (a fresh profile may still be loading chrome:// resources of its new-tab page).
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:", "chrome-untrusted:", "devtools:")


def _requests(driver) -> list[str]:
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_view_draws_offline_quietly_and_shows_hostile_text_as_text(browser, tmp_path):
    page = write_view(
        _graph(), tmp_path / "view.html", scores=SCORES, title=f"Demo {SCRIPT}", hide=()
    )
    browser.get_log("browser")
    browser.get_log("performance")
    _open(browser, page)

    counts = browser.execute_script("return [vgNodes.length, vgEdges.length]")
    assert counts == [5, 4]
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.title == f"Demo {SCRIPT}"

    tooltip = _hover_node(browser, "person/ivo")
    assert SCRIPT in tooltip  # the quote, as text
    assert (
        browser.execute_script(
            "return document.querySelectorAll('div.vis-tooltip script, div.vis-tooltip img').length"
        )
        == 0
    )
    edge_text = browser.execute_script(
        "return vgEdges.get({filter: function (e) { return e.from === 'org/tessel' "
        "&& e.to === 'org/harbor'; }})[0].title.textContent"
    )
    assert SCRIPT in edge_text and IMG in edge_text and "0.70" in edge_text

    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "view.png"))

    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    assert [u for u in _requests(browser) if not u.startswith(LOCAL_SCHEMES)] == []
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
    )
    assert [u for u in resources if not u.startswith(LOCAL_SCHEMES)] == []
    assert browser.execute_script("return typeof window.__pwned") == "undefined"


def test_page_filters_hide_items_through_the_dataset(browser, tmp_path):
    _open(browser, write_view(_graph(), tmp_path / "filters.html", scores=SCORES))
    shown = (
        "return [vgNodes.get({filter: function (n) { return !n.hidden; }}).length,"
        " vgEdges.get({filter: function (e) { return !e.hidden; }}).length]"
    )
    status = "return document.getElementById('vg-status').textContent"
    tick = (
        "var b = document.querySelector(arguments[0]);"
        "b.checked = arguments[1]; b.dispatchEvent(new Event('change'));"
    )
    person, lone = 'input.vg-type[value="Person"]', "#vg-lone"
    # Ivo (a person) and T9 (a chip only Harbor is linked to) start hidden, their boxes unticked
    assert browser.execute_script(shown) == [3, 2]
    assert (
        browser.execute_script(status)
        == "3 entities, 2 links shown; 2 more under the unticked boxes"
    )
    browser.execute_script(tick, person, True)
    assert browser.execute_script(shown) == [4, 3]
    browser.execute_script(tick, lone, True)
    assert browser.execute_script(shown) == [5, 4]
    assert browser.execute_script(status) == "5 entities, 4 links shown"
    browser.execute_script(tick, person, False)
    assert browser.execute_script(shown) == [4, 3]
    browser.execute_script(
        "var s = document.getElementById('vg-min-cost');"
        "s.value = '0.5'; s.dispatchEvent(new Event('input'));"
    )
    # only Tessel supplies Harbor (0.70) passes; nodes with no visible link are hidden too
    assert browser.execute_script(shown) == [2, 1]
    assert browser.execute_script(status).startswith("2 entities, 1 links shown; ")
    browser.find_element("id", "vg-reset").click()  # back to the page as it came
    assert browser.execute_script(shown) == [3, 2]


@pytest.mark.shared
def test_seed_view_draws_every_entity_with_evidence_tooltips(browser, tmp_path, seed_path):
    from vendorgraph.analysis import company_records, dependency_records, lockin
    from vendorgraph.graph.networkx import to_networkx
    from vendorgraph.graph.rdf import to_dataset
    from vendorgraph.loaders.documents import read_document
    from vendorgraph.loaders.pipeline import extract

    G = to_networkx(to_dataset([extract(read_document(seed_path))]))
    result = lockin(G)
    scores = {
        "companies": {c["id"]: c for c in company_records(result)},
        "dependencies": {(d["dependent"], d["provider"]): d for d in dependency_records(result)},
    }
    _open(browser, write_view(G, tmp_path / "seed.html", scores=scores, title="Seed article"))

    linked = {frozenset((u, v)) for u, v in G.edges()}
    derived = {pair for pair in scores["dependencies"] if frozenset(pair) not in linked}
    counts = browser.execute_script("return [vgNodes.length, vgEdges.length]")
    assert counts == [G.number_of_nodes(), G.number_of_edges() + len(derived)]  # one per claim

    tooltip = _hover_node(browser, "org/nvidia")
    assert "Nvidia" in tooltip and "lock" in tooltip.lower()
    edge_text = browser.execute_script(
        "return vgEdges.get({filter: function (e) { return e.from === 'org/aws' "
        "&& e.to === 'tech/nvlink-fusion'; }})[0].title.textContent"
    )
    assert "NVLink Fusion" in edge_text and "integrat" in edge_text

    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "seed-view.png"))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert [u for u in _requests(browser) if not u.startswith(LOCAL_SCHEMES)] == []


def test_search_inspects_and_highlights_neighbours_and_reset_restores(browser, tmp_path):
    _open(browser, write_view(_graph(), tmp_path / "search.html", scores=SCORES))
    browser.execute_script("vgFind('harbor')")
    inspector = browser.execute_script("return document.getElementById('vg-inspector').textContent")
    assert inspector.startswith("Harbor Cloud") and "lock-in exerted" in inspector
    opacity = "return vgNodes.get().reduce(function (m, n) { m[n.id] = n.opacity; return m; }, {})"
    faded = browser.execute_script(opacity)
    assert faded["org/harbor"] == 1 and faded["org/tessel"] == 1 and faded["person/ivo"] < 0.5
    assert browser.execute_script("return vgNetwork.getSelectedNodes()") == ["org/harbor"]
    browser.find_element("id", "vg-reset").click()
    assert set(browser.execute_script(opacity).values()) == {1}
    assert (
        browser.execute_script("return document.getElementById('vg-inspector').textContent") == ""
    )
    hidden = "return vgNodes.get(arguments[0]).hidden"
    assert browser.execute_script(hidden, "person/ivo") is True  # people start hidden
    browser.execute_script("vgFind('ivo')")  # finding him ticks the Person box
    assert browser.execute_script(hidden, "person/ivo") is False
    assert browser.execute_script(
        "return document.querySelector('input.vg-type[value=\"Person\"]').checked"
    )
    assert browser.execute_script("return vgNetwork.getSelectedNodes()") == ["person/ivo"]
    browser.find_element("id", "vg-reset").click()
    ARTIFACTS.mkdir(exist_ok=True)
    browser.execute_script("vgFind('harbor')")
    browser.save_screenshot(str(ARTIFACTS / "view-search.png"))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


@pytest.mark.shared
def test_seed_and_dev_view_draws_by_tier(browser, tmp_path, seed_path, dev_dir):
    from typer.testing import CliRunner

    from vendorgraph.cli import app

    graph = tmp_path / "corpus.trig"
    articles = [str(seed_path), *sorted(str(p) for p in dev_dir.glob("*.txt"))]
    assert CliRunner().invoke(app, ["build", *articles, "-o", str(graph)]).exit_code == 0
    page = tmp_path / "corpus.html"
    assert CliRunner().invoke(app, ["view", str(graph), "-o", str(page)]).exit_code == 0
    _open(browser, page)
    y = browser.execute_script(
        "var p = vgNetwork.getPositions(['org/nvidia', 'org/aws', 'org/anthropic']);"
        "return [p['org/nvidia'].y, p['org/aws'].y, p['org/anthropic'].y];"
    )
    assert y[0] < y[1] <= y[2]  # the chip vendor above the cloud, the cloud above the lab
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "seed-dev-view.png"))
    browser.execute_script("vgFind('Nvidia')")
    browser.save_screenshot(str(ARTIFACTS / "seed-dev-view-nvidia.png"))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_parallel_claims_are_each_drawn_hovered_and_inspected_apart(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    G = _graph()
    more = [
        ("org/tessel", "org/harbor", "r5", "supplies", "Tessel will ship more boards in May."),
        ("org/harbor", "org/tessel", "r6", "partners_with", "Harbor and Tessel co-design racks."),
    ]
    for u, v, key, predicate, sentence in more:
        G.add_edge(u, v, key=key, predicate=predicate, evidence=sentence, article="a1")
    _open(browser, write_view(G, tmp_path / "parallel.html", scores=SCORES))
    sentences = {
        "Tessel ships T9 boards.": "r1",
        "Tessel will ship more boards in May.": "r5",
        "Harbor and Tessel co-design racks.": "r6",
    }
    pair = browser.execute_script(
        "return vgEdges.get({filter: function (e) { return (e.from === 'org/tessel' "
        "&& e.to === 'org/harbor') || (e.from === 'org/harbor' && e.to === 'org/tessel'); }})"
        ".map(function (e) { return e.id; })"
    )
    assert len(pair) == 3
    middles = [_edge_middle(browser, edge) for edge in pair]
    gaps = [abs(a[0] - b[0]) + abs(a[1] - b[1]) for a in middles for b in middles if a < b]
    assert len(gaps) == 3 and min(gaps) > 12  # three curves, apart on the screen
    seen = set()
    for x, y in middles:
        tooltip = _hover_at(browser, x, y)
        (said,) = [sentence for sentence in sentences if sentence in tooltip]
        seen.add(said)
        assert "Boards" in tooltip  # the article's title
        ActionChains(browser).click().perform()  # where the mouse is: on this link
        inspector = browser.execute_script(
            "return document.getElementById('vg-inspector').textContent"
        )
        assert said in inspector and [s for s in sentences if s in inspector] == [said]
    assert seen == set(sentences)
    ARTIFACTS.mkdir(exist_ok=True)
    ActionChains(browser).move_to_element_with_offset(
        browser.find_element("id", "vg-network"), -400, -300
    ).perform()  # the mouse off the links, the last one clicked still in the inspector
    browser.execute_script(
        "var p = vgNetwork.getPositions(['org/tessel', 'org/harbor']);"
        "var at = {x: p['org/tessel'].x, y: (p['org/tessel'].y + p['org/harbor'].y) / 2};"
        "vgNetwork.moveTo({position: at, scale: 2.5, animation: false});"
    )
    browser.save_screenshot(str(ARTIFACTS / "view-parallel.png"))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
