"""Targets as the plans print them, and whether a year's value meets them.

The grammar covers every form in the bundled plans:

    none        -            (also empty)
    exact       100   11,1%   45,45% (so với 11 huyện,TX, TP)
    compare     < 3   <3,5   > 95   ≥ 97   >=90   ≤ 5   trên 95   dưới 3   tối thiểu 80
    range       0,5-1,2   30-35   99-99,98   40 – 45%
    reduce_to   giảm xuống còn 11,1%   xuống còn 10
    word        Bảo đảm   Xoá bỏ hoàn toàn   Loại trừ   Giải quyết cơ bản   Tiểu học   THCS

A trailing note in parentheses (``> 95 (12 loại vắc xin)``) or in words is kept as the
qualifier.  Numbers are read in Vietnamese notation; a catalog gives a ``reading`` for a
figure printed in another notation.  ``parse_target`` raises only TargetSyntaxError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from desktop_app.core.errors import InputError
from desktop_app.core.i18n import N_, translate
from desktop_app.core.text import clean, fold, format_number, parse_number


class TargetSyntaxError(InputError):
    """The text is not a target the program can read."""


FORMS = ("none", "exact", "compare", "range", "word", "reduce_to")

# Word targets: folded spelling -> stable key.  Both accent placements of "xoá/xóa" fold alike.
WORDS = {
    "bao dam": "ensured",
    "dam bao": "ensured",
    "xoa bo hoan toan": "fully_eliminated",
    "loai tru": "eliminated",
    "giai quyet co ban": "basically_solved",
    "co ban giai quyet": "basically_solved",
    "tieu hoc": "primary_school",
    "thcs": "lower_secondary",
    "trung hoc co so": "lower_secondary",
    "thpt": "upper_secondary",
    "trung hoc pho thong": "upper_secondary",
    "duy tri": "maintained",
    "hoan thanh": "completed",
}
WORD_LABELS = {
    "ensured": N_("ensured"),
    "fully_eliminated": N_("fully eliminated"),
    "eliminated": N_("eliminated"),
    "basically_solved": N_("basically solved"),
    "primary_school": N_("primary school level"),
    "lower_secondary": N_("lower secondary level"),
    "upper_secondary": N_("upper secondary level"),
    "maintained": N_("maintained"),
    "completed": N_("completed"),
    "achieved": N_("achieved"),
}
IN_WORDS = N_("in words")
# School levels a value can be written as, in order, so "THCS" meets a "Tiểu học" target.
LEVELS = ("primary_school", "lower_secondary", "upper_secondary")

_OPERATORS = {
    "<": "<", ">": ">", "≤": "<=", "≥": ">=", "<=": "<=", ">=": ">=", "=<": "<=", "=>": ">=", "=": "=",
    "duoi": "<", "nho hon": "<", "it hon": "<", "tren": ">", "lon hon": ">", "hon": ">",
    "toi thieu": ">=", "it nhat": ">=", "tu": ">=", "khong thap hon": ">=", "khong duoi": ">=",
    "toi da": "<=", "khong qua": "<=", "khong vuot qua": "<=", "khong cao hon": "<=",
}
_REDUCE = ("giam xuong con", "giam con", "xuong con", "giam xuong duoi", "con")
_NUMBER = r"\d[\d.,]*"
_DASHES = "-–—"


@dataclass(frozen=True)
class ParsedTarget:
    printed: str
    form: str
    op: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    word: str | None = None
    qualifier: str | None = None
    percent: bool = False

    @property
    def needs_judgement(self) -> bool:
        return self.form == "word"

    @property
    def value(self) -> Decimal | None:
        return self.low

    def to_dict(self) -> dict:
        result: dict = {"form": self.form}
        if self.op:
            result["op"] = self.op
        if self.low is not None:
            result["low" if self.form == "range" else "value"] = str(self.low)
        if self.high is not None:
            result["high"] = str(self.high)
        if self.word:
            result["word"] = self.word
        if self.qualifier:
            result["qualifier"] = self.qualifier
        if self.percent:
            result["percent"] = True
        return result

    def describe(self, language: str | None = None) -> str:
        pct = "%" if self.percent else ""
        if self.form == "none":
            return translate("no target", language)
        if self.form == "word":
            label = WORD_LABELS.get(self.word or "", IN_WORDS)
            if self.word == "other" and self.qualifier:
                return self.qualifier
            return translate(label, language)
        if self.form == "range":
            return translate("from {low} to {high}", language, low=format_number(self.low) + pct,
                             high=format_number(self.high) + pct)
        number = format_number(self.low) + pct
        if self.form == "reduce_to":
            return translate("down to {value}", language, value=number)
        phrase = {"<": N_("under {value}"), "<=": N_("at most {value}"), ">": N_("over {value}"),
                  ">=": N_("at least {value}"), "=": N_("{value}")}[self.op or "="]
        return translate(phrase, language, value=number)


def parse_target(printed: str, *, reading: str | None = None, unit: str = "") -> ParsedTarget:
    """Read a target as printed (or its corrected ``reading``)."""
    try:
        shown = clean(printed if isinstance(printed, str) else str(printed))
        text = clean(reading) if reading else shown
        return _parse(shown, text)
    except TargetSyntaxError:
        raise
    except Exception:  # the grammar must never fail in any other way on odd text
        raise TargetSyntaxError("“{text}” is not a target the program can read.", text=str(printed)[:80]) from None


def _fail(text: str) -> TargetSyntaxError:
    return TargetSyntaxError("“{text}” is not a target the program can read.", text=text[:80])


def _split_qualifier(text: str) -> tuple[str, str | None]:
    match = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", text)
    if match and match.group(1).strip():
        return match.group(1).strip(), match.group(2).strip() or None
    return text, None


def _number(text: str, whole: str) -> Decimal:
    try:
        return parse_number(text)
    except InputError:
        raise _fail(whole) from None


def _parse(shown: str, text: str) -> ParsedTarget:
    if text in ("", "-", "–", "—", "x", "X"):
        return ParsedTarget(shown, "none")
    core, qualifier = _split_qualifier(text)
    folded = fold(core)
    starts_with_word = any(folded == w or folded.startswith(w + " ") for w in WORDS)
    if starts_with_word or not any(ch.isdigit() for ch in core):
        return _word(shown, core, qualifier, text)
    for phrase in _REDUCE:
        if folded.startswith(phrase + " "):
            rest = core[len(phrase) + 1 :].strip()
            number, percent, tail = _leading_number(rest, text)
            return ParsedTarget(shown, "reduce_to", "<=", number, None, None, _join(qualifier, tail), percent)
    op, rest = _operator(core, text)
    if op is None:
        range_match = re.match(rf"^({_NUMBER})\s*(%?)\s*[{_DASHES}]\s*({_NUMBER})\s*(%?)(.*)$", core)
        if range_match:
            low = _number(range_match.group(1), text)
            high = _number(range_match.group(3), text)
            if low > high:
                raise _fail(text)
            tail = _tail(range_match.group(5), text)
            percent = bool(range_match.group(2) or range_match.group(4))
            return ParsedTarget(shown, "range", None, low, high, None, _join(qualifier, tail), percent)
        number, percent, tail = _leading_number(core, text)
        return ParsedTarget(shown, "exact", "=", number, None, None, _join(qualifier, tail), percent)
    number, percent, tail = _leading_number(rest, text)
    return ParsedTarget(shown, "compare", op, number, None, None, _join(qualifier, tail), percent)


def _operator(core: str, whole: str) -> tuple[str | None, str]:
    symbol = re.match(r"^([<>≤≥=]{1,2})\s*", core)
    if symbol:
        op = _OPERATORS.get(symbol.group(1))
        if op is None:
            raise _fail(whole)
        return op, core[symbol.end():]
    folded = fold(core)
    for phrase in sorted((p for p in _OPERATORS if p[0].isalpha()), key=len, reverse=True):
        if folded.startswith(phrase + " ") and folded[len(phrase) + 1 : len(phrase) + 2].strip():
            rest = core[len(phrase):].strip()
            if rest[:1].isdigit():
                return _OPERATORS[phrase], rest
    return None, core


def _leading_number(text: str, whole: str) -> tuple[Decimal, bool, str]:
    match = re.match(rf"^({_NUMBER})\s*(%?)(.*)$", text.strip())
    if not match:
        raise _fail(whole)
    raw = match.group(1).rstrip(".,")
    return _number(raw, whole), bool(match.group(2)), _tail(match.group(3), whole)


def _tail(rest: str, whole: str) -> str:
    """What follows the number: nothing, or words (a unit, a note) kept as a qualifier."""
    rest = rest.strip().strip(";").strip()
    if not rest:
        return ""
    if not rest[0].isalpha() and rest[0] not in "/(":
        raise _fail(whole)
    if re.search(r"[<>≤≥=]", rest):
        raise _fail(whole)
    return rest


def _join(*parts: str | None) -> str | None:
    kept = [p for p in parts if p]
    return "; ".join(kept) if kept else None


def _word(shown: str, core: str, qualifier: str | None, whole: str) -> ParsedTarget:
    folded = " ".join(fold(core).replace(",", " ").split())
    if not any(ch.isalpha() for ch in folded) or re.search(r"[<>≤≥=]", core):
        raise _fail(whole)
    key = WORDS.get(folded)
    if key is None:
        # "Bảo đảm 100% số xã…": a known word followed by a note
        for phrase, candidate in WORDS.items():
            if folded.startswith(phrase + " "):
                key = candidate
                qualifier = _join(" ".join(core.split()[len(phrase.split()):]), qualifier)
                break
    if key is None:
        key = "other"
        qualifier = _join(core, qualifier)
    return ParsedTarget(shown, "word", None, None, None, key, qualifier, False)


# -- evaluation ------------------------------------------------------------------------------

STATUSES = ("achieved", "not_achieved", "cannot_evaluate")


@dataclass(frozen=True)
class Evaluation:
    status: str
    reason_id: str
    reason_params: dict = field(default_factory=dict)

    def reason(self, language: str | None = None) -> str:
        params = {
            k: format_number(v) if isinstance(v, Decimal) else v.describe(language) if isinstance(v, ParsedTarget) else v
            for k, v in self.reason_params.items()
        }
        return translate(self.reason_id, language, **params)


def _cannot(reason: str, **params) -> Evaluation:
    return Evaluation("cannot_evaluate", reason, params)


def _verdict(ok: bool, quantity: Decimal, target: ParsedTarget, measure: str) -> Evaluation:
    if measure == "yearly_reduction":
        reason = N_("reduced by {quantity} against a target of {target}")
    elif measure == "yearly_increase":
        reason = N_("increased by {quantity} against a target of {target}")
    elif measure == "cumulative":
        reason = N_("{quantity} so far against a target of {target}")
    else:
        reason = N_("{quantity} against a target of {target}")
    return Evaluation("achieved" if ok else "not_achieved", reason, {"quantity": quantity, "target": target})


def evaluate(
    target: ParsedTarget,
    actual: Decimal | str | None,
    *,
    previous: Decimal | None = None,
    measure: str = "value",
    direction: str | None = None,
    judgement: bool | None = None,
) -> Evaluation:
    """Achieved, not achieved, or cannot evaluate (with the reason)."""
    if target.form == "none":
        return _cannot(N_("no target for this year"))
    if actual is None or (isinstance(actual, str) and not actual.strip()):
        return _cannot(N_("no value yet"))
    if judgement is not None:
        return Evaluation("achieved" if judgement else "not_achieved",
                          N_("judged achieved") if judgement else N_("judged not achieved"))
    if target.form == "word":
        if isinstance(actual, str) and target.word in LEVELS:
            reached = WORDS.get(" ".join(fold(actual).split()))
            if reached in LEVELS:
                ok = LEVELS.index(reached) >= LEVELS.index(target.word)
                return Evaluation("achieved" if ok else "not_achieved", N_("{quantity} against a target of {target}"),
                                  {"quantity": actual, "target": target})
        return _cannot(N_("the target is in words: a person records whether it was achieved"))
    if isinstance(actual, str):
        return _cannot(N_("the value is in words but the target is a number"))
    quantity = actual
    if measure in ("yearly_reduction", "yearly_increase"):
        if previous is None:
            return _cannot(N_("no value for the previous year to compare with"))
        quantity = previous - actual if measure == "yearly_reduction" else actual - previous
        direction = "higher"
    return _verdict(_meets(target, quantity, direction), quantity, target, measure)


def _meets(target: ParsedTarget, quantity: Decimal, direction: str | None) -> bool:
    value = target.low
    if target.form == "reduce_to":
        return quantity <= value
    if target.form == "compare":
        return {"<": quantity < value, "<=": quantity <= value, ">": quantity > value, ">=": quantity >= value,
                "=": quantity == value}[target.op]
    if target.form == "range":
        if target.low <= quantity <= target.high:
            return True
        if direction == "higher":
            return quantity > target.high
        if direction == "lower":
            return quantity < target.low
        return False
    # exact: the printed figure is a threshold in the indicator's good direction
    return quantity <= value if direction == "lower" else quantity >= value


# -- what a target measures ----------------------------------------------------------------

_RULES = {
    "value": N_("The year's value is compared with the target."),
    "yearly_reduction": N_("The target is a reduction per year: the previous year's value minus this year's "
                           "(in percentage points for a rate); it needs both years' values."),
    "yearly_increase": N_("The target is an increase per year: this year's value minus the previous year's "
                          "(in percentage points for a rate); it needs both years' values."),
    "cumulative": N_("The target is a total over the period: the yearly values added up from {year} to the "
                     "year reported."),
}


def measure_rule(measure: str, cumulative_from: int | None = None, language: str | None = None) -> str:
    """The rule by which a row's target is judged, as a report prints it in its notes."""
    rule = _RULES.get(measure) or _RULES.get("value")
    return translate(rule, language, year=cumulative_from or "")
