"""Charts as inline SVG made in Python (no browser, no JavaScript): bars, a line of
scores over time and a 5x5 risk heat map. Pure functions returning markup whose every
text is escaped; the templates insert them as they are."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

PALETTE = ("#2563eb", "#d97706", "#b91c1c", "#7f1d1d", "#047857", "#6b7280")


def _t(value: object) -> str:
    return escape(str(value), quote=True)


def _svg(width: int, height: int, body: list[str]) -> Markup:
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="9">{"".join(body)}</svg>'
    )
    return Markup(markup)  # noqa: S704 - every text in it went through _t


def bars(
    items: Sequence[tuple[str, float]],
    *,
    width: int = 460,
    bar_height: int = 16,
    colors: Sequence[str] = PALETTE,
) -> Markup:
    """Horizontal bars, one per (label, value)."""
    label_width = 120
    height = max(1, len(items)) * (bar_height + 6) + 6
    top = max((value for _, value in items), default=0) or 1
    body: list[str] = []
    for index, (label, value) in enumerate(items):
        y = 6 + index * (bar_height + 6)
        length = (width - label_width - 50) * (value / top)
        color = colors[index % len(colors)]
        body.append(
            f'<text x="{label_width - 6}" y="{y + bar_height - 4}" text-anchor="end">'
            f"{_t(label)}</text>"
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{color}"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height - 4}">'
            f"{_t(_number(value))}</text>"
        )
    return _svg(width, height, body)


def line(
    points: Sequence[tuple[str, float]],
    *,
    width: int = 460,
    height: int = 160,
    low: float = 0,
    high: float = 100,
) -> Markup:
    """Values (``low``..``high``, scores 0..100 by default) over time: one point per
    (label, value), labels along the bottom."""
    left, right, top, bottom = 30, 10, 10, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    span = (high - low) or 1
    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        'stroke="#9ca3af" stroke-width="0.6"/>'
    ]
    for mark in (low, (low + high) / 2, high):
        y = top + plot_h * (1 - (mark - low) / span)
        body.append(
            f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end" fill="#6b7280">{mark:g}</text>'
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            'stroke="#e5e7eb" stroke-width="0.4"/>'
        )
    if points:
        step = plot_w / max(1, len(points) - 1)
        coords = [
            (
                left + (i * step if len(points) > 1 else plot_w / 2),
                top + plot_h * (1 - (v - low) / span),
            )
            for i, (_, v) in enumerate(points)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body.append(f'<polyline points="{path}" fill="none" stroke="#0f2c59" stroke-width="1.4"/>')
        every = max(1, len(points) // 8)
        for i, ((label, _), (x, y)) in enumerate(zip(points, coords, strict=True)):
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="#0f2c59"/>')
            if i % every == 0:
                body.append(
                    f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle" '
                    f'fill="#6b7280">{_t(label)}</text>'
                )
    return _svg(width, height, body)


def heat_map(counts: dict[tuple[int, int], int], *, likelihood: str, impact: str) -> Markup:
    """A 5x5 grid of risks by (likelihood, impact), 1..5 each, darker where riskier."""
    cell, left, top = 34, 40, 8
    body: list[str] = []
    for li in range(1, 6):
        for im in range(1, 6):
            x = left + (im - 1) * cell
            y = top + (5 - li) * cell
            level = li * im
            color = (
                "#fee2e2"
                if level < 5
                else "#fca5a5"
                if level < 10
                else "#ef4444"
                if level < 16
                else "#991b1b"
            )
            count = counts.get((li, im), 0)
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{color}"/>'
            )
            if count:
                body.append(
                    f'<text x="{x + cell / 2 - 1}" y="{y + cell / 2 + 3}" text-anchor="middle" '
                    f'font-size="11" font-weight="bold">{count}</text>'
                )
    size = top + 5 * cell
    body.append(
        f'<text x="{left + 2.5 * cell}" y="{size + 14}" text-anchor="middle">{_t(impact)} →</text>'
        f'<text x="12" y="{top + 2.5 * cell}" text-anchor="middle" '
        f'transform="rotate(-90 12 {top + 2.5 * cell})">{_t(likelihood)} →</text>'
    )
    return _svg(left + 5 * cell + 10, size + 20, body)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
