"""reportlab's C accelerators (the rl-accel dependency) are loaded: without them every PDF is built with
reportlab's pure-Python fallbacks, the same bytes a quarter slower (docs/rules.md, "The command line's
fixed cost"). This fails when the dependency is missing from an installation."""

from __future__ import annotations

from reportlab.lib import rl_accel


def test_reportlab_uses_its_c_accelerators() -> None:
    for name in ("fp_str", "escapePDF", "instanceStringWidthTTF"):
        assert name in rl_accel._c_funcs, name
        assert getattr(rl_accel, name).__module__ == "_rl_accel"
