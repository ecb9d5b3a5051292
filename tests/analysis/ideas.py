"""A small hand-made idea pool with three obvious topics, for the analysis tests."""

PRICING = [
    "Agree on discount approval rules for enterprise pricing",
    "Publish one pricing sheet with the approved discount levels",
    "Marketing should know the discount limits before campaigns quote prices",
    "Stop ad hoc discounts: a pricing desk approves every discount",
    "Pricing page and sales discount policy must say the same thing",
    "Quarterly review of pricing and discount exceptions",
    "Discount requests go through one pricing approval form",
    "Show list pricing and maximum discount in the sales playbook",
]
EVENTS = [
    "Invite sales reps to every customer webinar",
    "Shared calendar of webinars and trade show events",
    "Sales presents customer stories at our webinar series",
    "Plan trade show booth staffing together on the events calendar",
    "Follow up every webinar attendee within two days",
    "Joint events calendar for webinars, meetups and trade shows",
    "Record each webinar and send the recording to event attendees",
    "Trade show leads from events go to reps the same day",
]
CRM = [
    "Agree on lead scoring rules in the CRM",
    "Sync CRM lead status between both teams every week",
    "One definition of a qualified lead in the CRM",
    "Clean duplicate lead records in the CRM monthly",
    "CRM dashboard showing lead conversion by source",
    "Log every lead handoff in the CRM with a reason",
    "Lead scoring model reviewed against CRM closed deals",
    "Automatic CRM alerts when a hot lead goes untouched",
]
IDEAS = PRICING + EVENTS + CRM
TOPIC = [0] * len(PRICING) + [1] * len(EVENTS) + [2] * len(CRM)
TEAMS = ["Sales" if i % 2 else "Marketing" for i in range(len(IDEAS))]
