"""The Amber Valley Community Safety Partnership Plan 2020-2023 and the Derbyshire priorities it
sets out, transcribed for the demo (the reference partnership's demo data only).

Source: "Amber Valley Community Safety Partnership Plan 2020-2023: Working together for a safer
Amber Valley", Amber Valley Borough Council (published plan; the text below is quoted or closely
summarised from it). The actions and measures in ``DEMO_ACTIONS`` and ``DEMO_MEASURES`` are not in
the published plan: they are made-up examples so that the demo shows progress reporting.
"""

from __future__ import annotations

TITLE = "Amber Valley Community Safety Partnership Plan 2020-2023"
STARTS, ENDS = "2020-04-01", "2023-03-31"
COUNTY_TITLE = "Derbyshire Safer Communities Board priorities 2020-2023"
PCC_PLAN = "Police and Crime Plan 2017-2020"

FOREWORD = (
    "Over the past few years, since Amber Valley's last Community Safety Partnership plan of 2017, we "
    "have witnessed a lot of change. Our partner organisations have evolved significantly and continue "
    "to do so.\n\nThe pressures on local government, policing and other statutory partners mean that we "
    "must focus our limited resources to best effect. To achieve this, we have identified three "
    "priorities for Amber Valley, through a Derbyshire-wide partnership strategic risk and threat "
    "assessment. This plan sets out the priorities that the Partnership will focus on from 2020-2023, "
    "alongside the 'business as usual' areas of work."
)
ABOUT = (
    "The Crime and Disorder Act 1998 first introduced a statutory responsibility for local authorities "
    "and criminal justice partners to tackle local crime and disorder concerns.\n\nA key role is to "
    "understand the kind of community safety issues Amber Valley is experiencing; decide which of these "
    "are the most urgent to deal with; and then decide what actions can be implemented collectively, "
    "adding value to the day-to-day work undertaken by our individual agencies and organisations. We "
    "commission an annual Strategic Assessment, and the plan is updated each year in its light."
)
GOVERNANCE = (
    "At a county level, the Derbyshire Safer Communities Board provides strategic leadership and "
    "direction. The Chairs of each CSP sit on the Board, along with senior representatives from each of "
    "the responsible authorities and other key stakeholders. The partnership reviews progress on this "
    "plan's actions each quarter."
)
CONTACTS = (
    "Amber Valley Community Safety Team, Amber Valley Borough Council, Town Hall, Market Place, Ripley, "
    "Derbyshire DE5 3BT. Telephone 01773 841652. Email community.safety@ambervalley.gov.uk"
)

# (title, description, MoRiLE theme key, county priority it serves, key areas of work)
PRIORITIES = (
    (
        "Anti-Social Behaviour (ASB)",
        "Anti-social behaviour is any behaviour that causes alarm, harassment or distress to anyone, from "
        "neighbour disputes to groups of young people causing a nuisance.",
        "asb",
        "Anti-social behaviour",
        ("Enforcement (using the ASB, Crime and Policing Act 2014)", "Diversion (activities for young people)",
         "Hot spot response", "Early intervention"),
    ),
    (
        "Protecting those most at risk",
        "The partnership has a duty to protect all residents but especially those most at risk: children, "
        "elderly people, victims of crime and abuse, and people with disabilities.",
        "exploitation",
        "Domestic abuse and sexual violence",
        ("Safeguarding and vulnerable adult risk management", "Children at risk of exploitation",
         "Domestic abuse and serious sexual violence"),
    ),
    (
        "Organised Crime",
        "Individuals planning, coordinating and committing serious offences, whether individually, in "
        "groups or as part of transnational networks.",
        "organised_crime",
        "Organised crime, including County Lines",
        ("County Lines and exploitation", "Serious violence", "Acquisitive crime", "Modern slavery",
         "Rural crime"),
    ),
)  # fmt: skip

GOLDEN_THREADS = ("Mental health", "Community engagement")

# (title, what the plan says about it, closely summarised)
EVERYDAY_BUSINESS = (
    ("Anti-social behaviour case management and Community Trigger applications",
     "The management of ASB cases across the borough, working day to day with criminal justice partners, "
     "mental health services, social care, housing providers and drug and alcohol support services, "
     "alongside Community Trigger applications (a statutory responsibility) that give residents a greater "
     "voice in how agencies respond to their complaints."),
    ("Acquisitive crime",
     "The CSP has provided crime prevention advice to help residents protect their property, supporting "
     "the police to reassure the public. It still aims to support residents who have been victims of this "
     "crime, or who are vulnerable."),
    ("Cyber and cyber-enabled crime",
     "Reported crime and ASB often include cyber-enabled behaviour. The CSP works with partners such as "
     "Citizens Advice and Action Fraud to raise awareness of cyber-crime, and gives up-to-date information "
     "on how people can keep themselves and their families safe online."),
    ("Domestic abuse and sexual violence",
     "The CSP works with local delivery partners to raise awareness of domestic abuse and sexual violence "
     "support services across Amber Valley."),
    ("Children at risk of exploitation",
     "A partnership approach to sharing information to protect vulnerable children, now covering criminal "
     "as well as sexual exploitation, such as County Lines. In Amber Valley the council (represented by the "
     "CSP) meets partners regularly to manage and disrupt these cases."),
    ("Protecting vulnerable people (children and adults)",
     "The reporting, referral and decision-making required by safeguarding legislation (the Care Act 2014 "
     "among others), and staff awareness, sit with the CSP on behalf of the council."),
    ("Reducing re-offending",
     "Probation is a responsible authority of the CSP, and CSPs must publish a strategy to tackle "
     "re-offending; in Derbyshire this is done county-wide, with operational partnerships locally."),
    ("Substance misuse",
     "The CSP has a statutory duty to consider substance misuse and its community impact. The CSP often "
     "co-ordinates the operational response; support services are commissioned by Derbyshire County "
     "Council and Public Health."),
    ("Organised crime",
     "Considered across acquisitive crime and cyber-crime, with the focus now on County Lines. The "
     "partnership response is often co-ordinated by Amber Valley CSP, using all the tools and powers "
     "available across council departments and partner organisations."),
)  # fmt: skip

# The partner that leads each area of everyday business, as the plan's text says (agency slugs of the
# demo). The plan says "the CSP" does most of them, and the CSP's work is carried by the borough
# council ("the council (represented by the CSP)"); it names Probation for reducing re-offending.
EVERYDAY_LEADS = {
    "Reducing re-offending": "probation",
}
EVERYDAY_DEFAULT_LEAD = "avbc"

COUNTY_PRIORITIES = (
    "Domestic abuse and sexual violence",
    "Anti-social behaviour",
    "Modern slavery",
    "Prevent (counter terrorism)",
    "Hate crime",
    "Organised crime, including County Lines",
    "Serious violence",
)

# Made-up examples (not in the published plan): (priority index, key area index, title, agency slug,
# lead post, due (YYYY-MM-DD), status, rag, rag reason, assessment finding)
DEMO_ACTIONS = (
    (0, 2, "Review the persistent ASB hot spots from the Strategic Assessment at the monthly problem-solving meeting",
     "avbc", "Community safety officer", "2021-03-31", "done", "green", "",
     "Persistent ASB hot spot in Ripley town centre"),
    (0, 0, "Use community protection warnings before notices in every suitable case, and report their use quarterly",
     "avbc", "ASB team leader", "2022-03-31", "in_progress", "amber",
     "Reporting started late: the first quarter's figures were collected by hand.", ""),
    (0, 1, "Run summer diversionary sessions in the three wards with most youth-related ASB",
     "police", "Neighbourhood inspector, Amber Valley", "2021-09-30", "done", "green", "",
     "Youth-related ASB peaks in the summer months"),
    (1, 1, "Train housing officers to spot and refer children at risk of exploitation",
     "housing", "Tenancy services manager", "2022-06-30", "in_progress", "green", "", ""),
    (2, 0, "Joint visits to premises linked to County Lines cuckooing, with closure powers considered",
     "police", "Neighbourhood inspector, Amber Valley", "2022-12-31", "not_started", "red",
     "Police resources moved to a major investigation; restart agreed for the next quarter.", ""),
)  # fmt: skip

# Made-up examples: (priority index, title, source, baseline, baseline label, direction, target,
# target label); a target of None reads the measure against its baseline only.
DEMO_MEASURES = (
    (0, "Anti-social behaviour incidents recorded by the police", "assessment_asb", 3500, "2019/20", "reduce",
     3200, "2022/23"),
    (0, "ASB cases opened by the partners", "cases_opened", 40, "2019/20", "maintain", 40, "each year"),
    (0, "ASB Case Review applications", "case_reviews", 1, "2019/20", "maintain", None, ""),
    (2, "Recorded crime excluding anti-social behaviour", "assessment_crime", 8000, "2019/20", "reduce",
     7600, "2022/23"),
)  # fmt: skip

# Made-up examples: (index in DEMO_ACTIONS, golden thread the action carries)
DEMO_THREAD_TAGS = ((1, "Community engagement"), (2, "Community engagement"), (3, "Mental health"))
