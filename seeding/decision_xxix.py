"""The English of the XXIX session's decision, and the items whose execution is controlled.

The Russian text is read from the seed document itself (``seeding/decisions.py``).
"""

from datetime import date
from typing import Any

from models.decisions import DeadlinePrecision

ENGLISH = {
    "1.1": "The MAG Secretariat is to continue the organisational work on the admission to MAG "
           "of the cities of Arkadag (Turkmenistan), Brest (Belarus), Birobidzhan (Russia), "
           "Vitebsk (Belarus), Komsomolsk-on-Amur (Russia), Yuzhno-Sakhalinsk (Russia).",
    "1.2": "To support the proposal of the MAG Board to hold in Moscow (October–November 2023) "
           "an international conference marking the 25th anniversary of MAG. The MAG "
           "Secretariat is to organise the preparation of the conference's events.",
    "1.3": "To warn the heads of the cities of Astrakhan, Barnaul, Batumi, Blagoveshchensk, "
           "Vladikavkaz, Vladivostok, Gomel, Grodno, Izhevsk, Yoshkar-Ola, Karaganda, "
           "Krasnoyarsk, Mogilev, Murmansk, Nizhny Novgorod, Osh, Petropavlovsk, Saratov, "
           "Serpukhov, Taldykorgan, Shymkent, Elista of the need to comply with the "
           "requirements of the MAG Charter and to pay off the arrears in membership fees owed "
           "to MAG. To instruct the MAG Audit Commission to monitor the implementation of this "
           "decision and, where necessary, to submit proposals to the MAG Board.",
    "2.1": "To approve, taking the discussion into account, the Report on the work of the MAG "
           "Board for 2022 and the Report of the MAG Audit Commission for 2022. The Secretariat, "
           "together with the MAG Expert Council, is to summarise the remarks and proposals "
           "made by the participants of the session and to draw up a plan for implementing "
           "them by 1 July 2023.",
    "2.2": "To recommend that the MAG Secretariat expand and deepen cooperation and involve "
           "representatives of the cities in the events of UN-Habitat, UCLG-Eurasia, the CIS "
           "Executive Committee, the Eurasian Economic Commission, the Assembly of the Peoples "
           "of Eurasia and other international and inter-city organisations.",
    "2.3": "To agree with the proposals on MAG's main events for 2024. The MAG Expert Council, "
           "together with the MAG Secretariat, is to summarise the proposals by 1 November 2023, "
           "submit the MAG plan for 2024 to the President of MAG for approval, and send it to "
           "the member cities and partner organisations of MAG.",
    "2.4": "To approve:\nthe actual expenditure on the activities of the Association for 2022;"
           "\nthe MAG budget for 2023.",
    "2.5": "To keep for 2023–2024 the entrance fee at 1,000 euros and the annual fee at 4,000 "
           "euros. To support the initiative of the city of Khabarovsk and include in the 2023 "
           "financing the payment of a targeted contribution for the development of MAG "
           "programmes and projects.",
    "2.6": "In accordance with the MAG Charter (clause 5.2), and in order to prepare and hold "
           "MAG's closing event of 2023 in Moscow (date to be confirmed), a research and "
           "practice conference in the format of a MAG session, \"The role of associations of "
           "cities in the social and economic development of regions and in integration into "
           "the Eurasian Economic Union\", marking MAG's 25th anniversary, to recommend that the "
           "following MAG member cities, Kazan, Perm, Ufa, Chelyabinsk, Ulan-Ude and Yakutsk, "
           "support the activities of MAG and pay a targeted contribution to MAG in July 2023 "
           "of at least 250,000 roubles; the targeted contribution has no maximum.",
    "2.7": "To approve the plan for publishing the information and analytical journal "
           "\"Vestnik MAG\" for 2023–2024. To recommend that the heads of MAG member cities "
           "instruct the relevant departments to keep constant working contact with the MAG "
           "press service and to use the MAG web portal, the MAG Telegram channel and MAG's "
           "information projects to promote the cities' interests and positive image. To "
           "recommend that the heads of cities include MAG in their news mailing lists so that "
           "information can be placed on the MAG website and in the MAG Telegram channel.",
    "2.8": "In connection with the XVI International review contest of urban practices of CIS "
           "and EAEU cities \"A city where one wants to live\" and the XII International "
           "contest \"The city in the mirror of the media\" held in 2023, to recommend that the "
           "heads of MAG member cities take part in these projects and instruct the relevant "
           "departments to send materials on these subjects to the contest commissions.",
    "2.9": "To support the proposal of the MAG Board to prepare documents on awarding the "
           "honorary title \"City of Courage and Labour Glory\" to cities of the Commonwealth "
           "of Independent States that are members of MAG.",
    "2.10": "To support the initiative of the Russian Union of Veterans to perpetuate the memory "
            "of General of the Army M.A. Moiseev in the city of Khabarovsk.",
    "2.11": "To support MAG's activities in helping member cities attract investment in "
            "projects to develop urban infrastructure.",
    "3.1": "In connection with the transfer to other work, to release Altai Seidirovich "
           "Kulginov from the duties of First Vice-President of MAG.",
    "3.2": "In connection with the transfer to other work, to release from the duties of "
           "Members of the Board – Vice-Presidents of MAG:\nVladimir Mikhailovich Volkov;\n"
           "Alan Grigorievich Kochiev;\nHayk Marutyan;\nEvgeny Borisovich Shulepov.",
    "3.3": "To elect Irek Ishmukhametovich Yalalov, Deputy Chair of the Federation Council "
           "Committee on Economic Policy, Vice-President of MAG, as Member of the Board – First "
           "Vice-President of MAG.",
    "3.4": "To elect as Members of the Board – Vice-Presidents of MAG:\nZhenis Makhmuduly "
           "Kasymbek – Akim of Astana;\nAlexander Yurievich Kobets – Head of the Administration "
           "of Kherson;\nAlexey Valerievich Kulemzin – Head of the Administration of Donetsk;\n"
           "Artem Vladimirovich Molchanov – Mayor of Yaroslavl;\nManolis Vasilievich Pilavov – "
           "Head of the Administration of Lugansk;\nRomeo Sverlanovich Khugaev – Head of the "
           "Administration of Tskhinval.",
    "3.5": "To approve the Regulation on the prize of the First President of MAG Yu.M. Luzhkov.",
}

# Items with an executor (and a deadline where the decision sets one).
EXECUTION: dict[str, dict[str, Any]] = {
    "1.3": {
        "executor_ru": "Ревизионная комиссия МАГ", "executor_en": "MAG Audit Commission",
        "roles": ["audit"],
        "summary_ru": "Проконтролировать погашение задолженности 22 городами и при "
                      "необходимости внести предложения в Правление МАГ.",
        "summary_en": "Monitor the payment of the arrears of the 22 cities and, where necessary, "
                      "submit proposals to the MAG Board.",
    },
    "2.1": {
        "executor_ru": "Секретариат МАГ совместно с Экспертным советом МАГ",
        "executor_en": "MAG Secretariat with the MAG Expert Council",
        "roles": ["secretariat"], "deadline": date(2023, 7, 1),
        "summary_ru": "Обобщить замечания и предложения участников сессии и составить план по "
                      "их реализации.",
        "summary_en": "Summarise the session participants' remarks and proposals and draw up a "
                      "plan for implementing them.",
    },
    "2.3": {
        "executor_ru": "Экспертный совет МАГ совместно с Секретариатом МАГ",
        "executor_en": "MAG Expert Council with the MAG Secretariat",
        "roles": ["secretariat"], "deadline": date(2023, 11, 1),
        "summary_ru": "Обобщить предложения, внести план МАГ на 2024 год на утверждение "
                      "Президенту МАГ и направить его городам-членам и партнерам.",
        "summary_en": "Summarise the proposals, submit the MAG plan for 2024 to the President "
                      "for approval and send it to the member cities and partners.",
    },
    "2.6": {
        "executor_ru": "Казань, Пермь, Уфа, Челябинск, Улан-Удэ, Якутск",
        "executor_en": "Kazan, Perm, Ufa, Chelyabinsk, Ulan-Ude, Yakutsk",
        "roles": ["secretariat"], "deadline": date(2023, 7, 31),
        "precision": DeadlinePrecision.month,
        "summary_ru": "Выплатить целевой взнос в МАГ в июле 2023 года в сумме от 250 000 руб. "
                      "(Секретариат отмечает поступление).",
        "summary_en": "Pay a targeted contribution to MAG in July 2023 of at least 250,000 "
                      "roubles (the Secretariat records the payments).",
    },
}
