#!/usr/bin/env python3
"""The HTML report in a real browser: Debian's Chromium, headless.

For the patients table (examples/patients.csv), vega's birdstrikes.csv (make testdata)
and a table whose column names and values are hostile markup, this test
  - renders the report with `tsum --format html`,
  - has Chromium load it and dump the DOM after its scripts would have run (--dump-dom),
  - checks the DOM: one row per pattern in the patterns table holding the pattern's
    columns and values as text; the hostile values shown as text, no element or
    attribute made from them, and no script run (the page's title and body untouched,
    also with the page's Content-Security-Policy removed, so that escaping alone is
    tested; a control page with a real script shows that a run script would be seen),
  - saves PNG screenshots as test artifacts in --artifacts.

Run by ctest (tests/browser/CMakeLists.txt). Fails, never skips, when Chromium or the
test data are missing, saying what to run.
"""
import argparse
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--disable-extensions",
    "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
    # Nothing on the network: no name resolves (the report fetches nothing anyway).
    "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-features=DnsOverHttps,MediaRouter,OptimizationHints",
]

# The hostile payloads: if any of them ran, the page's title would change or the body
# would get a data-pwned attribute.
PWN = "PWNED"
SCRIPT = "<script>document.title='PWNED';document.body.setAttribute('data-pwned','1')</script>"
IMG = "\"><img src=x onerror=\"document.title='PWNED';document.body.setAttribute('data-pwned','2')\">"
SVG = "<svg onload=\"document.title='PWNED'\"></svg>"
ATTR = "' onmouseover='document.title=1' x='"

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, flush=True)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


# ---- a small DOM from Chromium's serialization --------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def find_all(self, tag=None, cls=None):
        return [n for n in self.walk() if (tag is None or n.tag == tag) and (cls is None or cls in n.attrs.get("class", "").split())]

    def find(self, tag=None, cls=None):
        found = self.find_all(tag, cls)
        return found[0] if found else None


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        n = self.current
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.current = n.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_dom(text):
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# ---- running things ----------------------------------------------------------------

def chromium_binary():
    for candidate in ("chromium", "chromium-browser"):
        path = shutil.which(candidate)
        if path:
            return path
    return None


def chromium(binary, url, *extra, timeout=120):
    profile = tempfile.mkdtemp(prefix="tsum-chromium-")
    try:
        cmd = [binary, *CHROMIUM_FLAGS, "--user-data-dir=" + profile, *extra, url]
        r = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return r
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def dump_dom(binary, path):
    # A virtual-time budget lets timers, image errors and onload handlers fire first.
    r = chromium(binary, "file://" + os.path.abspath(path), "--virtual-time-budget=3000", "--dump-dom")
    if r.returncode != 0 or not r.stdout:
        fail(f"chromium --dump-dom {path} exited {r.returncode}: {r.stderr.decode(errors='replace')[-800:]}")
        return None
    return r.stdout.decode("utf-8")


def screenshot(binary, path, png, size):
    r = chromium(binary, "file://" + os.path.abspath(path), f"--window-size={size}", "--screenshot=" + png)
    ok = r.returncode == 0 and os.path.exists(png)
    if check(ok, f"chromium --screenshot {png} exited {r.returncode}: {r.stderr.decode(errors='replace')[-800:]}"):
        with open(png, "rb") as f:
            head = f.read(8)
        check(head == b"\x89PNG\r\n\x1a\n" and os.path.getsize(png) > 10000, f"{png} is not a real PNG screenshot")
        print(f"screenshot: {png} ({os.path.getsize(png)} bytes)", flush=True)


def tsum(binary, *args):
    r = subprocess.run([binary, *args], capture_output=True, timeout=300)
    if r.returncode != 0:
        fail(f"tsum {' '.join(args)} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
    return r


# ---- the checks --------------------------------------------------------------------

def check_report(binary, tsum_binary, name, csv_path, artifacts, expected_title, shot_sizes=()):
    """Renders csv_path as HTML and JSON; checks the browser's DOM against the JSON."""
    html_path = os.path.join(artifacts, name + ".html")
    if tsum(tsum_binary, "--format", "html", "-o", html_path, csv_path).returncode != 0:
        return None
    summary = json.loads(tsum(tsum_binary, "--format", "json", csv_path).stdout)
    dom_text = dump_dom(binary, html_path)
    if dom_text is None:
        return None
    with open(os.path.join(artifacts, name + ".dom.html"), "w", encoding="utf-8") as f:
        f.write(dom_text)
    dom = parse_dom(dom_text)
    title = dom.find("title")
    check(title is not None and title.text() == expected_title,
          f"{name}: title is {title.text() if title else None!r}, expected {expected_title!r}")
    body = dom.find("body")
    check(body is not None and "data-pwned" not in body.attrs, f"{name}: a script ran (body has data-pwned)")
    check(not dom.find_all("script"), f"{name}: the DOM has a <script> element")
    check(not dom.find_all("img"), f"{name}: the DOM has an <img> element")
    for node in dom.walk():
        handlers = [a for a in node.attrs if a.startswith("on")]
        check(not handlers, f"{name}: <{node.tag}> has event handler attribute(s) {handlers}")

    # One row per pattern, holding the pattern's (column, value) pairs as text.
    table = dom.find("table", "patterns")
    patterns = summary["patterns"]
    if not check(table is not None, f"{name}: no patterns table"):
        return dom
    rows = table.find("tbody").find_all("tr")
    check(len(rows) == len(patterns), f"{name}: {len(rows)} pattern rows in the DOM, {len(patterns)} patterns in the JSON")
    for i, (row, pattern) in enumerate(zip(rows, patterns)):
        items = row.find_all("span", "item")
        shown = [(it.find("span", "k").text(), it.find("span", "v").text()) for it in items]
        want = list(pattern["pattern"].items())
        check(shown == want, f"{name}: row {i + 1} shows {shown}, the pattern is {want}")
        cells = row.find_all("td")
        check(cells[0].text().strip() == str(i + 1), f"{name}: row {i + 1} has rank {cells[0].text()!r}")
        check(row.find("div", "meter") is not None, f"{name}: row {i + 1} has no coverage bar")
        check(cells[3].text().replace(",", "") == str(pattern["rows"]),
              f"{name}: row {i + 1} shows {cells[3].text()!r} rows, the pattern has {pattern['rows']}")
    # The sentences, the curve, the columns.
    sentences = dom.find("ol", "findings")
    if patterns:
        check(sentences is not None and len(sentences.find_all("li")) == min(5, len(patterns)),
              f"{name}: expected {min(5, len(patterns))} plain-language sentences")
        check(dom.find("polyline", "cum") is not None, f"{name}: no cumulative-coverage curve")
    check(len(dom.find_all("article", "col")) == len(summary["columns"]),
          f"{name}: {len(dom.find_all('article', 'col'))} column cards, {len(summary['columns'])} columns")
    # The table of contents, and the sample rows of the top patterns (every input column).
    toc = dom.find("nav", "toc")
    check(toc is not None and len(toc.find_all("a")) >= 2, f"{name}: no table of contents")
    samples = dom.find_all("div", "sample")
    check(len(samples) == min(10, len(patterns)), f"{name}: {len(samples)} sample blocks for {len(patterns)} patterns")
    for i, sample in enumerate(samples):
        rows_table = sample.find("table", "rows")
        body_rows = rows_table.find("tbody").find_all("tr") if rows_table is not None else []
        check(1 <= len(body_rows) <= 3, f"{name}: pattern {i + 1} shows {len(body_rows)} sample rows")
        marked = [td.text() for tr in body_rows for td in tr.find_all("td", "hit")]
        check(len(marked) >= len(body_rows), f"{name}: pattern {i + 1}: no marked cell in its sample rows")
    for size in shot_sizes:
        screenshot(binary, html_path, os.path.join(artifacts, f"{name}-{size.split(',')[0]}.png"), size)
    return dom


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tsum", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--artifacts", required=True)
    args = ap.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)

    binary = chromium_binary()
    if binary is None:
        print("FAIL: Chromium is not installed: run `make deps` (scripts/install-deps.sh installs Debian's chromium)")
        return 1
    birdstrikes = os.path.join(args.source_dir, "node_modules", "vega-datasets", "data", "birdstrikes.csv")
    if not os.path.exists(birdstrikes):
        print(f"FAIL: {birdstrikes} is missing: run `make testdata`")
        return 1
    patients = os.path.join(args.source_dir, "examples", "patients.csv")

    # 1. The patients table, and birdstrikes: structure, and screenshots.
    check_report(binary, args.tsum, "patients", patients, args.artifacts, "patients.csv \u00b7 tsum summary",
                 ("1280,2200", "390,3600"))
    dom = check_report(binary, args.tsum, "birdstrikes", birdstrikes, args.artifacts,
                       "birdstrikes.csv \u00b7 tsum summary", ("1280,5200", "390,9000"))
    if dom is not None:
        # Numeric and date columns carry their distribution (min, quartiles, max, mean, histogram).
        nums = dom.find_all("div", "nums")
        check(len(nums) >= 2, f"birdstrikes: {len(nums)} numeric column profiles")
        for n in nums:
            check(len(n.find_all("span")) == 6, "birdstrikes: a numeric profile without its six figures")

    # 2. Hostile column names and values: shown as text, never run.
    work = tempfile.mkdtemp(prefix="tsum-browser-")
    try:
        hostile_csv = os.path.join(work, "hostile.csv")
        q = lambda s: '"' + s.replace('"', '""') + '"'
        with open(hostile_csv, "w", encoding="utf-8", newline="") as f:
            f.write(",".join(q(c) for c in (SCRIPT, IMG, SVG, "plain")) + "\n")
            for _ in range(6):
                f.write(",".join(q(v) for v in (IMG, SCRIPT, ATTR, SVG)) + "\n")
            for k in range(4):
                f.write(f"a{k},b{k},c{k},d{k}\n")
        dom = check_report(binary, args.tsum, "hostile", hostile_csv, args.artifacts, "hostile.csv \u00b7 tsum summary")
        if dom is not None:
            text = dom.text()
            for payload in (SCRIPT, IMG, SVG, ATTR):
                check(payload in text, f"hostile: {payload!r} is not shown as text")
            check(not dom.find_all("svg", None) or all("onload" not in n.attrs for n in dom.find_all("svg")),
                  "hostile: an <svg onload> element was made")

        # The same page without its Content-Security-Policy: escaping alone keeps it inert.
        with open(os.path.join(args.artifacts, "hostile.html"), encoding="utf-8") as f:
            page = f.read()
        no_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
        check(no_csp != page, "hostile: no Content-Security-Policy meta to remove")
        no_csp_path = os.path.join(work, "hostile-no-csp.html")
        with open(no_csp_path, "w", encoding="utf-8") as f:
            f.write(no_csp)
        dom_text = dump_dom(binary, no_csp_path)
        if dom_text is not None:
            d = parse_dom(dom_text)
            check(d.find("title").text() == "hostile.csv \u00b7 tsum summary" and PWN not in d.find("title").text(),
                  "hostile without CSP: the title changed, a script ran")
            check("data-pwned" not in d.find("body").attrs, "hostile without CSP: a script ran (data-pwned)")

        # Control: the same detection sees a script that does run.
        control = os.path.join(work, "control.html")
        with open(control, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html><head><title>control</title></head><body>" + SCRIPT + IMG + "</body></html>")
        dom_text = dump_dom(binary, control)
        if dom_text is not None:
            d = parse_dom(dom_text)
            check(d.find("title").text() == PWN and "data-pwned" in d.find("body").attrs,
                  "control: a page with a real script did not show it running; the checks above prove nothing")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print(f"browser test passed; artifacts in {args.artifacts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
