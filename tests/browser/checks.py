"""Checks every browser test runs on the pages it visits: accessibility and page width."""
from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
BLOCKING = ("critical", "serious")


def accessibility_problems(page):
    """The page's critical and serious axe-core violations, one line each."""
    results = AXE.run(page)
    return [f"{page.url}: {violation['id']} ({violation['impact']}): "
            + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            for violation in results.response["violations"]
            if violation["impact"] in BLOCKING]


def overflow(page, width):
    """How many pixels the document is wider than ``width``: 0 when nothing scrolls sideways."""
    return max(0, page.evaluate("document.documentElement.scrollWidth") - width)


def wide_elements(page, width):
    """The elements reaching past ``width``, to say what makes a page scroll sideways."""
    return page.evaluate("""(width) => Array.from(document.querySelectorAll('body *'))
        .filter(el => el.getBoundingClientRect().right > width + 1
                && !el.closest('.scroll-x'))
        .slice(0, 8).map(el => el.tagName.toLowerCase()
            + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined
            ? '.' + String(el.className).trim().replace(/\\s+/g, '.') : '')
            + ' ' + Math.round(el.getBoundingClientRect().right))""", width)


def smallest_chart_text(page, selector):
    """The smallest text, in screen pixels, of the SVG charts ``selector`` finds; None if none.

    A chart scaled down to fit a phone shrinks its text with it.
    """
    return page.evaluate("""(selector) => {
        const sizes = [];
        document.querySelectorAll(selector).forEach(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            svg.querySelectorAll('text').forEach(text => sizes.push(
                parseFloat(getComputedStyle(text).fontSize) * scale));
        });
        return sizes.length ? Math.min(...sizes) : null;
    }""", selector)
