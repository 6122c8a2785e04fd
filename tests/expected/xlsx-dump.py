# xlsx-dump.py WORKBOOK: a workbook as stable text, for gov-xlsx tests.
# One block per sheet: name, freeze pane, filter range, column widths,
# then each row with each cell as type:value (+ number format, + bold).
import signal
import sys
import openpyxl

# a reader that stops early (| head -1) ends the dump quietly
signal.signal(signal.SIGPIPE, signal.SIG_DFL)

wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print("sheet %s freeze=%s filter=%s dims=%s" % (
        ws.title, ws.freeze_panes, ws.auto_filter.ref, ws.dimensions))
    widths = sorted((k, v.width) for k, v in ws.column_dimensions.items()
                    if v.width)
    print("widths " + " ".join("%s=%g" % (k, round(w, 2)) for k, w in widths))
    for row in ws.iter_rows():
        cells = []
        for c in row:
            if c.value is None:
                cells.append("-")
                continue
            t = type(c.value).__name__
            s = "%s:%r" % (t, c.value) if t != "str" else "str:" + repr(c.value)
            if c.number_format != "General":
                s += "{" + c.number_format + "}"
            if c.font is not None and c.font.b:
                s += "*"
            cells.append(s)
        print(" | ".join(cells))
