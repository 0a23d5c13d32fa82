"""Reads the DXF drawings and CSV schedules the export tests wrote, with readers nobody on this
project wrote: Debian's ezdxf (python3-ezdxf) for the DXF, Python's csv module for the CSV.
Prints one JSON report per file on stdout; the TypeScript test compares it with the result.

    /usr/bin/python3 read_cad_files.py manifest.json

The manifest is a JSON list of {"name", "dxf", "csv"} paths. Reading only: every judgement is
the test's.
"""
import csv
import json
import sys

try:
    import ezdxf
except ImportError:
    print("ezdxf is missing: apt-get install -y python3-ezdxf (Debian package)", file=sys.stderr)
    sys.exit(3)


def read_dxf(path):
    doc = ezdxf.readfile(path)
    auditor = doc.audit()
    msp = doc.modelspace()
    inserts = []
    for insert in msp.query("INSERT"):
        inserts.append({
            "block": insert.dxf.name,
            "layer": insert.dxf.layer,
            "x": insert.dxf.insert.x,
            "y": insert.dxf.insert.y,
            "attribs": {a.dxf.tag: a.dxf.text for a in insert.attribs},
            "invisible": {a.dxf.tag: a.is_invisible for a in insert.attribs},
        })
    walls = [
        {"closed": bool(p.closed), "points": [[v[0], v[1]] for v in p.get_points("xy")]}
        for p in msp.query('LWPOLYLINE[layer=="A-WALL"]')
    ]
    per_layer = {}
    for entity in msp:
        layer = entity.dxf.layer
        per_layer[layer] = per_layer.get(layer, 0) + 1
    blocks = {}
    for block in doc.blocks:
        if block.name.startswith("*"):
            continue
        blocks[block.name] = [a.dxf.tag for a in block.query("ATTDEF")]
    texts = [t.dxf.text for t in msp.query('TEXT[layer=="G-ANNO-TTLB"]')]
    return {
        "dxfversion": doc.dxfversion,
        "insunits": doc.header.get("$INSUNITS"),
        "measurement": doc.header.get("$MEASUREMENT"),
        "auditErrors": [f"{e.code}: {e.message}" for e in auditor.errors],
        "auditFixes": [f"{e.code}: {e.message}" for e in auditor.fixes],
        "layers": sorted(layer.dxf.name for layer in doc.layers),
        "blocks": blocks,
        "inserts": inserts,
        "walls": walls,
        "entitiesPerLayer": per_layer,
        "titleBlock": texts,
    }


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f, strict=True))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        manifest = json.load(f)
    reports = {}
    for item in manifest:
        report = {}
        try:
            if item.get("dxf"):
                report["dxf"] = read_dxf(item["dxf"])
            if item.get("csv"):
                report["csv"] = read_csv(item["csv"])
        except Exception as error:  # a file a reader refuses is a finding, not a crash
            report["error"] = f"{type(error).__name__}: {error}"
        reports[item["name"]] = report
    json.dump(reports, sys.stdout)


main()
