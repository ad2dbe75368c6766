#!/usr/bin/env python3
"""Writes a model_5d_reference.h for the 5D firmware checks (regenerate.sh, residual/regenerate.sh): the
inputs of a test-rows CSV (label column y left out) and the host runtime's outputs for them (`ember run
... -o host_outputs.csv`), 9 significant digits, so a float round-trips exactly and the firmware compares bits.

Usage: write_reference_header.py TEST_ROWS.csv HOST_OUTPUTS.csv OUT.h COMMENT
COMMENT: the text of the header's opening comment (lines separated by newlines, without /* */).
"""
import csv
import sys


def main():
    test_rows, host_outputs, out, comment = sys.argv[1:5]
    with open(test_rows) as f:
        header, *rows = list(csv.reader(f))
    inputs = [[float(r[i]) for i, name in enumerate(header) if name != "y"] for r in rows]
    with open(host_outputs) as f:
        outs = [float(r[0]) for r in list(csv.reader(f))[1:]]
    assert len(outs) == len(inputs) == 8, "expected 8 test rows and 8 host outputs"
    with open(out, "w") as f:
        f.write("/* " + "\n * ".join(comment.split("\n")) + " */\n")
        f.write("#ifndef MODEL_5D_REFERENCE_H\n#define MODEL_5D_REFERENCE_H\n\n")
        f.write("#define MODEL_5D_TEST_ROWS %du\n\n" % len(inputs))
        f.write("static const float model_5d_test_inputs[] = {\n")
        for r in inputs:
            f.write("    " + ", ".join("%.9ef" % v for v in r) + ",\n")
        f.write("};\n\nstatic const float model_5d_host_outputs[] = {\n")
        for o in outs:
            f.write("    %.9ef,\n" % o)
        f.write("};\n\n#endif /* MODEL_5D_REFERENCE_H */\n")


if __name__ == "__main__":
    main()
