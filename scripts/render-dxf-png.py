"""Draws a DXF's model space to a PNG with ezdxf's drawing add-on and matplotlib, on white:
what a CAD program shows of the file, drawn by a reader this project did not write.

    /usr/bin/python3 scripts/render-dxf-png.py plan.dxf plan.png [width-inches]

Needs Debian's python3-ezdxf and python3-matplotlib (for /usr/bin/python3).
"""
import sys

try:
    import ezdxf
    import matplotlib
except ImportError as error:
    print(f"{error}: apt-get install -y python3-ezdxf python3-matplotlib (Debian packages)", file=sys.stderr)
    sys.exit(3)

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from ezdxf.addons.drawing import Frontend, RenderContext  # noqa: E402
from ezdxf.addons.drawing.matplotlib import MatplotlibBackend  # noqa: E402
from ezdxf.addons.drawing.properties import LayoutProperties  # noqa: E402

source, target = sys.argv[1], sys.argv[2]
width = float(sys.argv[3]) if len(sys.argv) > 3 else 12.0
doc = ezdxf.readfile(source)
msp = doc.modelspace()
ctx = RenderContext(doc)
ctx.set_current_layout(msp)
properties = LayoutProperties.from_layout(msp)
properties.set_colors("#ffffff")
# The drawing's extents set the picture's proportions.
extents = ezdxf.bbox.extents(msp)
ratio = (extents.size.y / extents.size.x) if extents.has_data and extents.size.x > 0 else 1.0
fig = plt.figure(figsize=(width, width * ratio + 0.2))
ax = fig.add_axes([0.01, 0.01, 0.98, 0.98])
Frontend(ctx, MatplotlibBackend(ax)).draw_layout(msp, finalize=True, layout_properties=properties)
fig.savefig(target, dpi=110, facecolor="#ffffff")
print(f"wrote {target}")
