"""What a process keeps of rendered HTML: bounded, and nothing under DEBUG."""

from newsroom.rendered import Rendered


def counting_render():
    calls = []

    def render():
        calls.append(1)
        return f"<p>{len(calls)}</p>"

    return render, calls


def test_kept_by_key():
    kept, (render, calls) = Rendered(10), counting_render()
    assert [kept.get("a", render), kept.get("a", render)] == ["<p>1</p>"] * 2
    assert len(calls) == 1


def test_the_oldest_goes_first():
    kept, (render, calls) = Rendered(2), counting_render()
    for key in ("a", "b", "c", "b", "a"):
        kept.get(key, render)
    assert (len(calls), list(kept.items)) == (4, ["c", "a"])


def test_rendered_each_time_under_debug(settings):
    settings.DEBUG = True
    kept, (render, calls) = Rendered(10), counting_render()
    kept.get("a", render)
    kept.get("a", render)
    assert (len(calls), kept.items) == (2, {})
