"""Writes Content/data/japan-prefectures.json, the prefecture outlines the home page's map of
Japan is drawn from, from the data shipped in the PyPI package `japanmap` 0.6.0
(https://github.com/SaitoTsutomu/japanmap, by Saito Tsutomu, Apache License 2.0).

Each prefecture's outline is its main area (the one with the prefectural office), as
japanmap gives it; shared borders are simplified once (Douglas–Peucker, 0.03°, about a pixel at the map’s size) so that
neighbours still meet. Run: python3 scripts/japan-map-data.py (it downloads the wheel)."""
import io
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

VERSION = "0.6.0"
TOLERANCE = 0.03

with tempfile.TemporaryDirectory() as folder:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", folder, f"japanmap=={VERSION}"],
        check=True)
    wheel = next(pathlib.Path(folder).glob("japanmap-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        points, outlines = json.load(io.BytesIO(archive.read("japanmap/japan.json")))
        init = archive.read("japanmap/__init__.py").decode()

names = init.split('pref_names = (')[1].split(').split()')[0]
names = "".join(part.strip().strip('"') for part in names.splitlines()).split()[1:]
assert len(names) == 47 and names[0] == "北海道" and names[-1] == "沖縄県"


def simplify(indices):
    """Douglas–Peucker over a run of point indices; the ends are always kept."""
    if len(indices) < 3:
        return list(indices)
    (x1, y1), (x2, y2) = points[indices[0]][0], points[indices[-1]][0]
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    far, at = -1.0, 0
    for k in range(1, len(indices) - 1):
        x, y = points[indices[k]][0]
        d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length if length else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > far:
            far, at = d, k
    if far <= TOLERANCE:
        return [indices[0], indices[-1]]
    return simplify(indices[: at + 1])[:-1] + simplify(indices[at:])


kept = {}
prefectures = []
for code, segments in enumerate(outlines, 1):
    ring = []
    for _, run in segments:
        forward = run[0] <= run[-1]
        key = tuple(run if forward else reversed(run))
        if key not in kept:
            kept[key] = simplify(list(key))
        part = kept[key] if forward else list(reversed(kept[key]))
        ring += part[:-1]
    outline = [[round(points[i][0][0], 3), round(points[i][0][1], 3)] for i in ring]
    prefectures.append({"code": code, "name": names[code - 1], "outline": outline})

target = pathlib.Path(__file__).resolve().parent.parent / "Content/data/japan-prefectures.json"
data = {
    "source": f"japanmap {VERSION} (PyPI; https://github.com/SaitoTsutomu/japanmap), simplified by scripts/japan-map-data.py",
    "licence": "Apache License 2.0, copyright Saito Tsutomu",
    "coordinates": "[longitude, latitude] in degrees",
    "prefectures": prefectures,
}
text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
text = text.replace('},{"code"', '},\n{"code"')  # one prefecture per line, for readable diffs
target.write_text(text + "\n", encoding="utf-8")
print(f"{target}: {sum(len(p['outline']) for p in prefectures)} points, {len(text)} bytes")
