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


def test_month_range_from_the_url():
    from components.period import MonthRange
    from components.state import months_from_params

    assert months_from_params({"from": "2023-10", "to": "2024-02"}) == (MonthRange("2023-10", "2024-02"), [])
    assert months_from_params({"from": "2024-02", "to": "2023-10"})[0] == MonthRange("2023-10", "2024-02")
    assert months_from_params({"from": ["2024-13"], "to": "٢٠٢٤-٠١"}) == (MonthRange(), [("from", "2024-13"), ("to", "٢٠٢٤-٠١")])
    assert params_from_view(Filters(), "ar", {}, MonthRange("2023-10")) == {"lang": ["ar"], "from": ["2023-10"]}


def test_controls_from_the_url_belong_to_the_control_that_offers_the_value():
    from components.state import controls_from_params

    values, dropped = controls_from_params({"freq": "year", "colour": "event_type"})
    assert values == {"inc_freq": "year", "inc_stack": "factions", "troops_colour": "location", "map_colour": "event_type",
                      "actor_pick": ""}
    assert dropped == []
    assert controls_from_params({"stack": "colour", "colour": "purple"})[1] == [("stack", "colour"), ("colour", "purple")]


def test_the_reader_reads_at_and_the_older_hl():
    from components.state import reader_from_params, unreadable_params

    assert reader_from_params({"article": "002", "at": "808"}) == ("002", 808)
    assert reader_from_params({"article": "002", "hl": "808-1095"}) == ("002", 808)
    assert reader_from_params({"article": "002", "at": "²"}) == ("002", None)
    assert unreadable_params({"at": "-5", "hl": "9-1"}) == [("at", "-5"), ("hl", "9-1")]
