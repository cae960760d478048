"""Hand-curated country facts the packages lack: representative points, demonyms, abbreviations.

``CENTROIDS`` are the rounded "geographic coordinates" of each country as published in the CIA
World Factbook (public domain), which is also what GeoNames uses for country features; written
here from general knowledge for countries larger than roughly 20,000 km² (for smaller
countries the mean of their towns is within a few tens of km and is computed at build time).
"""

from __future__ import annotations

CENTROIDS: dict[str, tuple[float, float]] = {
    "AF": (33.0, 65.0), "AL": (41.0, 20.0), "DZ": (28.0, 3.0), "AO": (-12.5, 18.5), "AR": (-34.0, -64.0),
    "AM": (40.0, 45.0), "AU": (-25.0, 133.0), "AT": (47.33, 13.33), "AZ": (40.5, 47.5), "BD": (24.0, 90.0),
    "BY": (53.0, 28.0), "BE": (50.83, 4.0), "BJ": (9.5, 2.25), "BO": (-17.0, -65.0), "BA": (44.0, 18.0),
    "BW": (-22.0, 24.0), "BR": (-10.0, -55.0), "BG": (43.0, 25.0), "BF": (13.0, -2.0), "BI": (-3.5, 30.0),
    "KH": (13.0, 105.0), "CM": (6.0, 12.0), "CA": (60.0, -95.0), "CF": (7.0, 21.0), "TD": (15.0, 19.0),
    "CL": (-30.0, -71.0), "CN": (35.0, 105.0), "CO": (4.0, -72.0), "CD": (0.0, 25.0), "CG": (-1.0, 15.0),
    "CR": (10.0, -84.0), "CI": (8.0, -5.0), "HR": (45.17, 15.5), "CU": (21.5, -80.0), "CZ": (49.75, 15.5),
    "DK": (56.0, 10.0), "DO": (19.0, -70.67), "EC": (-2.0, -77.5), "EG": (27.0, 30.0), "SV": (13.83, -88.92),
    "ER": (15.0, 39.0), "EE": (59.0, 26.0), "ET": (8.0, 38.0), "FI": (64.0, 26.0), "FR": (46.0, 2.0),
    "GA": (-1.0, 11.75), "DE": (51.0, 9.0), "GH": (8.0, -2.0), "GR": (39.0, 22.0), "GT": (15.5, -90.25),
    "GN": (11.0, -10.0), "GW": (12.0, -15.0), "GY": (5.0, -59.0), "HT": (19.0, -72.42), "HN": (15.0, -86.5),
    "HU": (47.0, 20.0), "IS": (65.0, -18.0), "IN": (21.0, 78.0), "ID": (-5.0, 120.0), "IR": (32.0, 53.0),
    "IQ": (33.0, 44.0), "IE": (53.0, -8.0), "IL": (31.5, 34.75), "IT": (42.83, 12.83), "JP": (36.0, 138.0),
    "JO": (31.0, 36.0), "KZ": (48.0, 68.0), "KE": (1.0, 38.0), "KP": (40.0, 127.0), "KR": (37.0, 127.5),
    "KW": (29.5, 47.75), "KG": (41.0, 75.0), "LA": (18.0, 105.0), "LV": (57.0, 25.0), "LB": (33.83, 35.83),
    "LR": (6.5, -9.5), "LY": (25.0, 17.0), "LT": (56.0, 24.0), "MG": (-20.0, 47.0), "MW": (-13.5, 34.0),
    "MY": (2.5, 112.5), "ML": (17.0, -4.0), "MR": (20.0, -12.0), "MX": (23.0, -102.0), "MD": (47.0, 29.0),
    "MN": (46.0, 105.0), "MA": (32.0, -5.0), "MZ": (-18.25, 35.0), "MM": (22.0, 98.0), "NA": (-22.0, 17.0),
    "NP": (28.0, 84.0), "NL": (52.5, 5.75), "NZ": (-41.0, 174.0), "NI": (13.0, -85.0), "NE": (16.0, 8.0),
    "NG": (10.0, 8.0), "NO": (62.0, 10.0), "OM": (21.0, 57.0), "PK": (30.0, 70.0), "PA": (9.0, -80.0),
    "PG": (-6.0, 147.0), "PY": (-23.0, -58.0), "PE": (-10.0, -76.0), "PH": (13.0, 122.0), "PL": (52.0, 20.0),
    "PT": (39.5, -8.0), "QA": (25.5, 51.25), "RO": (46.0, 25.0), "RU": (60.0, 100.0), "RW": (-2.0, 30.0),
    "SA": (25.0, 45.0), "SN": (14.0, -14.0), "RS": (44.0, 21.0), "SL": (8.5, -11.5), "SO": (10.0, 49.0),
    "ZA": (-29.0, 24.0), "SS": (8.0, 30.0), "ES": (40.0, -4.0), "LK": (7.0, 81.0), "SD": (15.0, 30.0),
    "SE": (62.0, 15.0), "CH": (47.0, 8.0), "SY": (35.0, 38.0), "TW": (23.5, 121.0), "TJ": (39.0, 71.0),
    "TZ": (-6.0, 35.0), "TH": (15.0, 100.0), "TG": (8.0, 1.17), "TN": (34.0, 9.0), "TR": (39.0, 35.0),
    "TM": (40.0, 60.0), "UG": (1.0, 32.0), "UA": (49.0, 32.0), "AE": (24.0, 54.0), "GB": (54.0, -2.0),
    "US": (39.76, -98.5), "UY": (-33.0, -56.0), "UZ": (41.0, 64.0), "VE": (8.0, -66.0), "VN": (16.17, 107.83),
    "YE": (15.0, 48.0), "ZM": (-15.0, 30.0), "ZW": (-20.0, 30.0), "PS": (31.92, 35.2), "GE": (42.0, 43.5),
    "XK": (42.58, 21.0), "ME": (42.5, 19.3), "MK": (41.83, 22.0), "SK": (48.67, 19.5), "SI": (46.12, 14.82),
    "GL": (72.0, -40.0), "EH": (24.5, -13.0), "SR": (4.0, -56.0), "DJ": (11.5, 43.0), "LS": (-29.5, 28.5),
    "SZ": (-26.5, 31.5), "TL": (-8.83, 125.92), "FJ": (-18.0, 175.0), "SB": (-8.0, 159.0), "BT": (27.5, 90.5),
    "BZ": (17.25, -88.75), "GQ": (2.0, 10.0), "CY": (35.0, 33.0), "JM": (18.25, -77.5), "BS": (24.25, -76.0),
    "PR": (18.25, -66.5), "GF": (4.0, -53.0), "AQ": (-75.0, 0.0), "NC": (-21.5, 165.5), "VU": (-16.0, 167.0),
    "HK": (22.3, 114.2), "SG": (1.37, 103.8), "BN": (4.5, 114.67), "BH": (26.0, 50.55), "LU": (49.75, 6.17),
    "GM": (13.47, -16.57), "CV": (16.0, -24.0), "KM": (-12.17, 44.25), "MV": (3.25, 73.0),
}

DEMONYMS: dict[str, str] = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "American": "US", "Angolan": "AO",
    "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM", "Australian": "AU", "Austrian": "AT",
    "Azerbaijani": "AZ", "Bahraini": "BH", "Bangladeshi": "BD", "Belarusian": "BY", "Belgian": "BE",
    "Beninese": "BJ", "Bolivian": "BO", "Bosnian": "BA", "Brazilian": "BR", "British": "GB",
    "Bulgarian": "BG", "Burkinabe": "BF", "Burmese": "MM", "Burundian": "BI", "Cambodian": "KH",
    "Cameroonian": "CM", "Canadian": "CA", "Chadian": "TD", "Chilean": "CL", "Chinese": "CN",
    "Colombian": "CO", "Congolese": "CD", "Croatian": "HR", "Cuban": "CU", "Cypriot": "CY", "Czech": "CZ",
    "Danish": "DK", "Djiboutian": "DJ", "Dominican": "DO", "Dutch": "NL", "Ecuadorian": "EC",
    "Egyptian": "EG", "Emirati": "AE", "English": "GB", "Eritrean": "ER", "Estonian": "EE",
    "Ethiopian": "ET", "Filipino": "PH", "Philippine": "PH", "Finnish": "FI", "French": "FR",
    "Gabonese": "GA", "Gambian": "GM", "Georgian": "GE", "German": "DE", "Ghanaian": "GH", "Greek": "GR",
    "Guatemalan": "GT", "Guinean": "GN", "Haitian": "HT", "Honduran": "HN", "Hungarian": "HU",
    "Icelandic": "IS", "Indian": "IN", "Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ", "Irish": "IE",
    "Israeli": "IL", "Italian": "IT", "Ivorian": "CI", "Jamaican": "JM", "Japanese": "JP",
    "Jordanian": "JO", "Kazakh": "KZ", "Kenyan": "KE", "Kosovar": "XK", "Kuwaiti": "KW", "Kyrgyz": "KG",
    "Laotian": "LA", "Latvian": "LV", "Lebanese": "LB", "Liberian": "LR", "Libyan": "LY",
    "Lithuanian": "LT", "Macedonian": "MK", "Malagasy": "MG", "Malawian": "MW", "Malaysian": "MY",
    "Malian": "ML", "Maltese": "MT", "Mauritanian": "MR", "Mexican": "MX", "Moldovan": "MD",
    "Mongolian": "MN", "Montenegrin": "ME", "Moroccan": "MA", "Mozambican": "MZ", "Namibian": "NA",
    "Nepalese": "NP", "Nepali": "NP", "Nicaraguan": "NI", "Nigerian": "NG", "Nigerien": "NE",
    "North Korean": "KP", "Norwegian": "NO", "Omani": "OM", "Pakistani": "PK", "Palestinian": "PS",
    "Panamanian": "PA", "Paraguayan": "PY", "Peruvian": "PE", "Polish": "PL", "Portuguese": "PT",
    "Qatari": "QA", "Romanian": "RO", "Russian": "RU", "Rwandan": "RW", "Sahrawi": "EH", "Saudi": "SA",
    "Scottish": "GB", "Senegalese": "SN", "Serbian": "RS", "Sierra Leonean": "SL", "Singaporean": "SG",
    "Slovak": "SK", "Slovenian": "SI", "Somali": "SO", "Somalian": "SO", "South African": "ZA",
    "South Korean": "KR", "South Sudanese": "SS", "Spanish": "ES", "Sri Lankan": "LK", "Sudanese": "SD",
    "Swedish": "SE", "Swiss": "CH", "Syrian": "SY", "Taiwanese": "TW", "Tajik": "TJ", "Tanzanian": "TZ",
    "Thai": "TH", "Togolese": "TG", "Tunisian": "TN", "Turkish": "TR", "Turkmen": "TM", "Ugandan": "UG",
    "Ukrainian": "UA", "Uruguayan": "UY", "Uzbek": "UZ", "Venezuelan": "VE", "Vietnamese": "VN",
    "Welsh": "GB", "Yemeni": "YE", "Zambian": "ZM", "Zimbabwean": "ZW", "Ukranian": "UA",
}

# Case-sensitive abbreviations and short forms -> ISO country code.
COUNTRY_ABBREVIATIONS: dict[str, str] = {
    "U.S.": "US", "US": "US", "U.S.A.": "US", "USA": "US", "America": "US", "UK": "GB", "U.K.": "GB",
    "Britain": "GB", "Great Britain": "GB", "UAE": "AE", "U.A.E.": "AE", "DRC": "CD", "DR Congo": "CD",
    "D.R. Congo": "CD", "Burma": "MM", "Ivory Coast": "CI", "South Korea": "KR", "North Korea": "KP",
    "Holland": "NL", "Czechia": "CZ", "Gaza Strip": "PS", "Palestinian Territories": "PS",
    "Kyrgyzstan": "KG", "Russia": "RU", "Syria": "SY", "Iran": "IR", "Laos": "LA", "Vietnam": "VN",
    "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD", "Taiwan": "TW",
    "Macedonia": "MK", "North Macedonia": "MK", "Turkey": "TR", "Türkiye": "TR", "Cape Verde": "CV",
    "East Timor": "TL", "Swaziland": "SZ", "Brunei": "BN", "Micronesia": "FM", "Palestine": "PS",
    "Republic of Congo": "CG", "Zaire": "CD", "Zaïre": "CD", "Persia": "IR", "Congo-Brazzaville": "CG", "Congo-Kinshasa": "CD", "Kosovo": "XK",
}

# AP-style US state abbreviations (as written after a town: "Quincy, Mass.").
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS",
    "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS",
    "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ",
    "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA",
    "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA",
    "Wash.": "WA", "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY", "D.C.": "DC",
}

# Case-sensitive short forms of big cities and states/provinces: text -> (name, country code).
PLACE_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "L.A.": ("Los Angeles", "US"), "NYC": ("New York City", "US"),
    "NSW": ("New South Wales", "AU"), "N.S.W.": ("New South Wales", "AU"), "QLD": ("Queensland", "AU"),
    "Qld": ("Queensland", "AU"), "B.C.": ("British Columbia", "CA"), "KP": ("Khyber Pakhtunkhwa", "PK"),
    "KRG": ("Kurdistan Region", "IQ"), "KRI": ("Kurdistan Region", "IQ"),
}
