#!/usr/bin/env python3
"""Projects Natural Earth's countries (world-atlas countries-50m.json, TopoJSON) once into simplified SVG paths.

Run:  python3 build_world_map.py countries-50m.json ../../Components/Figures/Maps/world-countries.tsv

Input: world-atlas 2.0.2 (https://github.com/topojson/world-atlas, npm `world-atlas`), file countries-50m.json:
Natural Earth 1:50m Admin 0 countries (public domain, https://www.naturalearthdata.com/about/terms-of-use/),
converted to TopoJSON by world-atlas (ISC). Countries carry their ISO 3166-1 numeric code as the geometry id;
iso3166-numeric.csv (next to this script) maps it to the alpha-2 code the app's CountryList uses.

Output: one line per country, "AA<TAB>path data[<TAB>x y]" (x y: a marker point for a country smaller than SMALL
output units, which a reader could not point at), after a first line "#viewBox 0 0 W H". The projection is Natural
Earth I (the formula d3-geo's geoNaturalEarth1 uses), Antarctica left out. Arcs are simplified once in
longitude/latitude with Douglas-Peucker, so shared borders stay shared; rings crossing the antimeridian are cut at
±180°; specks smaller than MIN_AREA (in output units) are dropped unless they are a country's largest piece.
Only the Python standard library is used. Nothing here runs in the app: the app reads the output file.
"""
import csv
import json
import math
import os
import sys

WIDTH = 1000.0          # output width; the height follows from the projection
TOLERANCE = 0.12        # Douglas-Peucker tolerance in degrees
MIN_AREA = 0.6          # square output units
SMALL = 6.0             # output units: a country whose extent is smaller gets a marker point
SOUTH = -58.0           # latitude below which nothing is drawn (Antarctica, South Georgia's far south)

# Shapes Natural Earth gives without an ISO code: drawn with the state the app's reference list (and Indonesia)
# counts them in.
NO_ID = {"Kosovo": "RS", "N. Cyprus": "CY", "Somaliland": "SO"}
SKIP = {"AQ"}


def natural_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, -y


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        best, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / length
            if d > best:
                best, index = d, i
        if best > tolerance and index > 0:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points):
    out = [points[0]]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    return out


def clip(points, inside, cross):
    """Sutherland-Hodgman against one half-plane."""
    out = []
    for i, current in enumerate(points):
        previous = points[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(cross(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(cross(previous, current))
    return out


def at_lon(limit):
    def cross(a, b):
        t = (limit - a[0]) / (b[0] - a[0])
        return (limit, a[1] + t * (b[1] - a[1]))
    return cross


def at_lat(limit):
    def cross(a, b):
        t = (limit - a[1]) / (b[1] - a[1])
        return (a[0] + t * (b[0] - a[0]), limit)
    return cross


def pieces(points):
    """The ring within -180..180 (cut at the antimeridian when it crosses it) and north of SOUTH."""
    points = unwrap(points)
    lons = [p[0] for p in points]
    candidates = [points]
    if max(lons) > 180 or min(lons) < -180:
        shifted = [(lon - 360, lat) for lon, lat in points] if max(lons) > 180 else [(lon + 360, lat) for lon, lat in points]
        candidates = [points, shifted]
    out = []
    for ring in candidates:
        ring = clip(ring, lambda p: p[0] <= 180, at_lon(180))
        ring = clip(ring, lambda p: p[0] >= -180, at_lon(-180)) if ring else ring
        ring = clip(ring, lambda p: p[1] >= SOUTH, at_lat(SOUTH)) if ring else ring
        if len(ring) >= 3:
            out.append(ring)
    return out


def area(ring):
    return abs(sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring)))) / 2


def path_data(rings):
    parts = []
    for ring in rings:
        cells = [(round(x, 1), round(y, 1)) for x, y in ring]
        deduped = [cells[0]] + [c for i, c in enumerate(cells[1:], 1) if c != cells[i - 1]]
        if len(deduped) < 3:
            continue
        x0, y0 = deduped[0]
        text = [f"M{fmt(x0)} {fmt(y0)}l"]
        px, py = x0, y0
        moves = []
        for x, y in deduped[1:]:
            moves.append(f"{fmt(round(x - px, 1))} {fmt(round(y - py, 1))}")
            px, py = x, y
        parts.append(text[0] + " ".join(moves) + "z")
    return "".join(parts)


def fmt(value):
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace("0.", ".", 1) if text.startswith("0.") else text.replace("-0.", "-.", 1)


def main(source, target):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "iso3166-numeric.csv"), newline="", encoding="utf-8") as f:
        alpha2 = {row["numeric"]: row["alpha-2"] for row in csv.DictReader(f)}
    with open(source, encoding="utf-8") as f:
        topo = json.load(f)
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topo)]

    countries = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = alpha2.get(geometry.get("id") or "") or NO_ID.get(geometry["properties"]["name"])
        if code is None or code in SKIP:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]] if geometry["type"] == "Polygon" else []
        for polygon in polygons:
            for ring in polygon:
                for piece in pieces(ring_points(ring, arcs)):
                    countries.setdefault(code, []).append([natural_earth(lon, lat) for lon, lat in piece])

    xs = [x for rings in countries.values() for ring in rings for x, _ in ring]
    ys = [y for rings in countries.values() for ring in rings for _, y in ring]
    scale = WIDTH / (max(xs) - min(xs))
    left, top = min(xs), min(ys)
    height = (max(ys) - top) * scale

    lines = [f"#viewBox 0 0 {WIDTH:.0f} {math.ceil(height)}"]
    for code in sorted(countries):
        rings = [[((x - left) * scale, (y - top) * scale) for x, y in ring] for ring in countries[code]]
        largest = max(rings, key=area)
        kept = [r for r in rings if r is largest or area(r) >= MIN_AREA]
        data = path_data(kept)
        if not data:
            continue
        # A country too small to point at gets a marker (its bounding box's centre) the app may draw over it.
        bx = [x for r in kept for x, _ in r]
        by = [y for r in kept for _, y in r]
        small = max(max(bx) - min(bx), max(by) - min(by)) < SMALL
        marker = f"\t{fmt(round((max(bx) + min(bx)) / 2, 1))} {fmt(round((max(by) + min(by)) / 2, 1))}" if small else ""
        lines.append(f"{code}\t{data}{marker}")
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines) - 1} countries, {os.path.getsize(target)} bytes, viewBox 0 0 {WIDTH:.0f} {math.ceil(height)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
