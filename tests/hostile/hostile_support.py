"""What the hostile tests share: values nobody checked, and what no output may hold.

A value from outside (a catalogue, a file, a name typed, the environment) may hold
anything: control characters (C0, DEL, C1: an escape sequence restyles a terminal, a line
break forges a line), the characters that reorder or hide text (bidirectional overrides
and isolates, zero-width spaces and joiners, the byte order mark), line and paragraph
separators, long runs, odd Unicode (combining marks, characters beyond U+FFFF, wide
ones), and GitHub Actions' workflow commands (``::error::`` at the start of a line,
``##[error]`` anywhere in one).
"""

from __future__ import annotations

from hypothesis import strategies as st

C0 = [chr(code) for code in range(0x20)]
C1 = ["\x7f", *(chr(code) for code in range(0x80, 0xA0))]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
BIDI = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
SEPARATORS = ["\u2028", "\u2029", "\x85"]
ODD = ["\u0301", "\U0001f600", "\u4e2d", "\uff21", "é", "→", "\u00a0", "\u3000", "\u200e"]
COMMANDS = ["::", "::error::x", "##[", "##[error]x", "\n::warning::x", " ::set-output name=x::"]
MARKUP = ["|", "`", "<b>", "&amp;", "[x](https://e.test)", "*", "_", "\\", '"', ","]
PLAIN = ["gpt-4o", "a", " ", "-", "x" * 80]

# Characters no line of output may hold (a tab separates plain's fields: its own).
FORBIDDEN = frozenset(C0 + C1 + ZERO_WIDTH + BIDI + SEPARATORS) - {"\n"}

PIECES = st.sampled_from(C0 + C1 + ZERO_WIDTH + BIDI + SEPARATORS + ODD + COMMANDS + MARKUP + PLAIN)

# Hostile text: pieces of the lists above and arbitrary characters, up to a few hundred.
HOSTILE = st.lists(
    PIECES | st.text(st.characters(blacklist_categories=("Cs",)), max_size=5),
    min_size=1,
    max_size=40,
).map("".join)


def assert_inert(output: str, tabs: bool = False) -> None:
    """No line of ``output`` begins (after blanks) with ``::`` or holds ``##[``, a control
    character, or one that reorders or hides text. ``tabs``: a tab is allowed (plain)."""
    allowed = {"\t"} if tabs else set()
    for line in output.split("\n"):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line
        bad = sorted({char for char in line if char in FORBIDDEN and char not in allowed})
        assert not bad, (bad, line)
