"""A font with Chinese glyphs for the report's figures, found through matplotlib's font manager.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs: labels would come out as empty boxes.
The figures are written as SVG with the glyphs as paths (``svg.fonttype = "path"``), so the page
shows them without any font on the reader's machine, but one must be installed where the report is
made. We look, in order, for the families below among the fonts matplotlib knows, then among the
system's font files (a font installed after matplotlib built its cache), and fail with a message
naming the packages to install.
"""

from __future__ import annotations

import os
from typing import Optional

#: Families with full Simplified Chinese coverage, preferred first.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei", "Noto Sans CJK JP", "Noto Sans CJK TC", "Source Han Sans", "Droid Sans Fallback",
    "AR PL UMing CN", "AR PL UKai CN", "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC",
)
#: Font file names (lower case) that hold one of those families.
_FILE_HINTS = ("notosanscjk", "notosanssc", "sourcehansans", "wqy-zenhei", "wqy-microhei", "droidsansfallback",
               "uming", "ukai", "simhei", "msyh", "pingfang")
#: Set to a font file to use it whatever is installed.
ENV_FONT = "GOVNEWS_NLP_CJK_FONT"

INSTALL_HINT = (
    "no font with Chinese glyphs found for the report's figures (looked for: "
    + ", ".join(CJK_FAMILIES[:6])
    + " …). Install one, e.g. `apt-get install fonts-noto-cjk` or `apt-get install fonts-wqy-zenhei` "
    "(Debian/Ubuntu), `dnf install google-noto-sans-cjk-fonts` (Fedora), `brew install --cask font-noto-sans-cjk` "
    f"(macOS), or set {ENV_FONT}=/path/to/font.ttc"
)


class FontNotFound(RuntimeError):
    """No CJK font: the message says what to install."""


def find_cjk_font() -> str:
    """The family name to give matplotlib, registering a font file with its manager if needed."""
    from matplotlib import font_manager

    path = os.environ.get(ENV_FONT)
    if path:
        if not os.path.isfile(path):
            raise FontNotFound(f"{ENV_FONT}={path}: no such font file")
        font_manager.fontManager.addfont(path)
        return font_manager.FontProperties(fname=path).get_name()
    family = _known_family(font_manager)
    if family:
        return family
    for f in font_manager.findSystemFonts():
        if any(h in os.path.basename(f).lower().replace(" ", "") for h in _FILE_HINTS):
            try:
                font_manager.fontManager.addfont(f)
            except (OSError, RuntimeError, ValueError):  # a broken font file: try the next
                continue
    family = _known_family(font_manager)
    if family:
        return family
    raise FontNotFound(INSTALL_HINT)


def _known_family(font_manager) -> Optional[str]:
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in names:
            return family
    return None
