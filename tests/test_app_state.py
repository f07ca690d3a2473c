"""The URL is the state: query params -> filters -> query params, unknown values dropped and reported."""
from components.query import FilterOptions, Filters
from components.state import filters_from_params, lang_from_params, params_from_view

OPTIONS = FilterOptions(militia=["Harakat al-Nujaba", "Kataib Hezbollah"], year=[2020, 2023, 2024],
                        country=["Iraq", "Syria"], place=["Ain al-Asad", "Tower 22"])


def test_round_trip_url_filters_url():
    params = {"militia": ["Kataib Hezbollah", "Harakat al-Nujaba"], "year": ["2024", "2020"], "event_type": "attack",
              "weapon": ["drone"], "country": "Iraq", "place": ["Tower 22"]}
    filters, dropped = filters_from_params(params, OPTIONS)
    assert dropped == []
    assert filters == Filters(militia=("Kataib Hezbollah", "Harakat al-Nujaba"), year=(2024, 2020), event_type=("attack",),
                              weapon=("drone",), country=("Iraq",), place=("Tower 22",))
    url = params_from_view(filters, "en", {"article": "002", "hl": ""})
    assert url == {"lang": ["en"], "militia": ["Kataib Hezbollah", "Harakat al-Nujaba"], "year": ["2024", "2020"],
                   "event_type": ["attack"], "weapon": ["drone"], "country": ["Iraq"], "place": ["Tower 22"], "article": ["002"]}
    assert filters_from_params(url, OPTIONS)[0] == filters


def test_unknown_values_are_dropped_and_reported():
    filters, dropped = filters_from_params({"militia": ["Nobody", "Kataib Hezbollah"], "year": ["1999", "abc"],
                                            "weapon": ["laser"]}, OPTIONS)
    assert filters == Filters(militia=("Kataib Hezbollah",))
    assert dropped == [("militia", "Nobody"), ("year", "1999"), ("year", "abc"), ("weapon", "laser")]


def test_language_defaults_to_arabic():
    assert lang_from_params({}) == "ar"
    assert lang_from_params({"lang": "en"}) == "en"
    assert lang_from_params({"lang": ["fr"]}) == "ar"
