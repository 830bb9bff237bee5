"""Page actions shared by the browser tests."""


def submit(control) -> None:
    """Click ``control`` (a submit button or a link) and wait until the next page has loaded.

    A bare ``click()`` returns as soon as the navigation has begun; reading the page at
    that moment may see the new, still empty document.
    """
    with control.page.expect_navigation():
        control.click()
