"""Reference geodesic areas for shared/src/geometry.rs's tests.

Computes, with GeographicLib (Karney's reference implementation, `pip install geographiclib`), the
ellipsoidal (WGS84) area in hectares of every department in
shared/testdata/geo/peru_departamental_simple.geojson, outer rings minus holes, and prints a CSV.

    python3 shared/testdata/geographiclib_areas.py > shared/testdata/peru_departments_geographiclib.csv
"""
import json
import os
import sys

from geographiclib.geodesic import Geodesic

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "geo", "peru_departamental_simple.geojson")


def ring_area(ring):
    polygon = Geodesic.WGS84.Polygon()
    points = ring[:-1] if ring[0] == ring[-1] else ring
    for lon, lat in points:
        polygon.AddPoint(lat, lon)
    _, _, area = polygon.Compute(False, True)
    return abs(area)


def polygon_area(rings):
    return ring_area(rings[0]) - sum(ring_area(hole) for hole in rings[1:])


def main():
    with open(SOURCE, encoding="utf-8") as f:
        data = json.load(f)
    print("department,hectares")
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        area = sum(polygon_area(p) for p in polygons)
        print(f'{feature["properties"]["NOMBDEP"]},{area / 10000:.6f}')


if __name__ == "__main__":
    sys.exit(main())
