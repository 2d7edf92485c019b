from krokarm.lib.links import host


def test_the_host_drops_www_the_path_and_the_port():
    assert host("https://www.arbetsformedlingen.se/platsbanken") == "arbetsformedlingen.se"
    assert host("https://legitimation.socialstyrelsen.se/") == "legitimation.socialstyrelsen.se"
    assert host("http://WWW.Example.se:8080/a?b=c") == "example.se"


def test_an_address_without_a_host_names_no_site():
    assert host("") == ""
    assert host("/fraga/") == ""
    assert host("http://[::1") == ""
