"""``evaluate --summary``: a short table of a result, in one language, for people at a terminal."""

from __future__ import annotations

DRAFT = {"zh": "征求意见稿：以下只是草案如获通过将给予的内容，目前不能据此申请。",
         "en": "DRAFT for comment: what the draft would grant if adopted; nothing can be claimed under it."}
_STATUS = {
    "zh": {"eligible": "可领取", "unknown": "还需回答", "not_eligible": "不符合", "draft": "草案拟给予"},
    "en": {"eligible": "can claim", "unknown": "more answers needed", "not_eligible": "not eligible", "draft": "draft would grant"},
}
_HEAD = {"zh": ("项目", "结果", "每次金额", "合计", "还需回答"), "en": ("benefit", "status", "amount", "total", "still to answer")}
_TOTAL = {"zh": "现金合计", "en": "cash total"}


def table(policy: dict, result: dict, lang: str) -> str:
    draft = policy["status"] == "draft"
    rows = []
    for r in result["benefits"]:
        status = "draft" if draft and r["status"] == "eligible" else r["status"]
        text = r["text"]
        amount = text["amount"][lang] if text["amount"] else (text["unstated"][lang] if text["unstated"] and r["status"] != "not_eligible" else "")
        rows.append((r["title"][lang], _STATUS[lang][status], amount, text["total"][lang] if text["total"] else "",
                     ", ".join(policy["facts"][f]["label"][lang] for f in r["missing"])))
    widths = [min(40, max(_width(x) for x in col)) for col in zip(_HEAD[lang], *rows)]
    lines = [policy["short_title"][lang]] + ([DRAFT[lang]] if draft else [])
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in [_HEAD[lang]] + rows]
    lines.append(f"{_TOTAL[lang]}: {result['totals']['text'][lang]}")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))
