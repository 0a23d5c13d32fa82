"""Draws an L-shaped room with two round columns with ezdxf, for the DXF import test.

Usage: draw_l_room.py OUT.dxf

In feet ($INSUNITS 2): the outline, a closed LWPOLYLINE on A-WALL, is 40 x 16 ft with a
20 x 14 ft wing on its left; two columns, CIRCLEs on S-COLS, one of radius 0.75 ft on the grid
point (10, 8) and one of radius 0.5 ft at (31, 7). A LINE and a TEXT on the outline layer, and
a furniture layer, are there to be ignored.
"""

import sys

import ezdxf
from ezdxf import units

doc = ezdxf.new("R2010")
doc.units = units.FT
doc.layers.add("A-WALL", color=7)
doc.layers.add("S-COLS", color=1)
doc.layers.add("I-FURN", color=3)
msp = doc.modelspace()
msp.add_lwpolyline(
    [(0, 0), (40, 0), (40, 16), (20, 16), (20, 30), (0, 30)],
    close=True,
    dxfattribs={"layer": "A-WALL"},
)
msp.add_line((0, -1), (40, -1), dxfattribs={"layer": "A-WALL"})
msp.add_text("L-SHAPED ROOM", dxfattribs={"layer": "A-WALL", "height": 1}).set_placement((2, 32))
msp.add_circle((10, 8), 0.75, dxfattribs={"layer": "S-COLS"})
msp.add_circle((31, 7), 0.5, dxfattribs={"layer": "S-COLS"})
msp.add_lwpolyline([(25, 2), (28, 2), (28, 4)], dxfattribs={"layer": "I-FURN"})
doc.saveas(sys.argv[1])
