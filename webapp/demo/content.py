"""Texts for the demo rounds, written to read like real ones: answers, names, board ideas."""

# Answers to "What does the other team do that helps you most?"
HELPFUL_THINGS = {
    "Sales": [  # what Sales says Marketing does that helps
        "The competitor battlecards, when they're current, save me on almost every call.",
        "The case study on the logistics rollout. I've sent it to at least a dozen prospects.",
        "Inbound demo requests. Those are the best leads we get, by far.",
        (
            "They run the webinars, and the attendee list with the questions people asked is gold "
            "for follow-up."
        ),
        (
            "The trade show booth. I booked four meetings at the spring expo that I couldn't have "
            "got otherwise."
        ),
        "Quick turnaround on custom slides when I have a big pitch coming up.",
        (
            "The weekly Slack summary of which campaigns are going out, so prospects don't "
            "surprise me."
        ),
        "The new pricing page on the website cut down the number of 'what does it cost' calls.",
        (
            "They run the customer reference programme, which makes closing enterprise deals much "
            "easier."
        ),
        (
            "Email nurture keeps old opportunities warm. A few of my closed-lost deals came back "
            "through it."
        ),
        "Intent data on which accounts are researching our category. Helps me prioritise my week.",
        (
            "The product launch briefings. I actually understand new features before customers ask "
            "about them."
        ),
        "Proofreading my proposals when I ask. Small thing, big difference.",
        "The customer event in the autumn. Prospects who meet happy customers close faster.",
        "The objection handling guide from last spring is still my go-to.",
        "Blog posts that prospects mention on first calls. It means people already know us a bit.",
        (
            "Lead enrichment. Having company size and industry filled in before I call saves a lot "
            "of research."
        ),
        (
            "The comparison pages on the website. Prospects come in already knowing why we're "
            "different."
        ),
        "Getting us a decent demo environment with realistic sample data.",
        "Hosting the regional roundtables. Small groups, the right people, good conversations.",
        "A heads-up when one of my accounts visits the pricing page.",
        "Analyst report summaries we can forward to prospects who need third-party validation.",
        "The one-page product overview. Simple, clear, and I attach it to almost every follow-up.",
        (
            "They listen when we say something isn't working. The new demo script came straight "
            "from our feedback."
        ),
        "Partner co-marketing campaigns bring in leads that are already half sold.",
        "Short product video clips I can drop into emails.",
        "They keep the brand and templates consistent, so my decks don't look homemade.",
        (
            "The LinkedIn content. Prospects actually comment on it and it gives me a reason to "
            "reach out."
        ),
        "Preparing us for conferences: who's coming, which accounts to look out for, what to say.",
        "The quarterly messaging update. It helps all of us say the same thing.",
        "Handling PR. Being in the trade press gives us credibility with bigger customers.",
        "They helped rewrite the SDR call scripts last quarter and our connect rate went up.",
        "Fast answers on Slack when I need a specific asset for a call in an hour.",
        "The customer newsletter, which starts a lot of upsell conversations for us.",
        "The ROI one-pager for finance buyers. Finally something a CFO reads to the end.",
    ],
    "Marketing": [  # what Marketing says Sales does that helps
        "Reps who forward prospect questions to us. Half our FAQ page came from those.",
        "When sales shares call recordings, we learn the words customers really use.",
        "Quick feedback on new messaging before a launch.",
        "They connect us with happy customers for case studies and quotes.",
        "Staffing the booth at events, and actually following up on the badge scans afterwards.",
        (
            "Some AEs update the CRM religiously, and those are the only accounts we can report on "
            "properly."
        ),
        "Telling us which competitors show up in deals. It shapes our whole content plan.",
        (
            "Co-hosting our webinars. Prospects like hearing from the people they'll actually work "
            "with."
        ),
        "The sales managers who join our campaign planning give great input on timing.",
        "Sharing win stories in Slack. We turn a lot of them into content.",
        "Honest feedback on lead quality, even when it stings.",
        "Calling inbound demo requests within the hour. That makes our campaigns look good.",
        "Reviewing the battlecards and telling us what's out of date.",
        "They tell us which pain points land on calls, which helps us choose ad angles.",
        "Inviting us to quarterly business reviews for the big accounts.",
        "Field reps brief us on regional differences we'd never see in the data.",
        "Some reps share their best-performing email templates so we can scale them.",
        "Trying out new content in real deals before we roll it out to everyone.",
        "Passing on referrals and partner intros that we can build campaigns around.",
        (
            "When they say a piece of content helped close a deal, we can finally justify it in "
            "budget talks."
        ),
        "Sales ops keeps the lead routing working. Nobody thanks them enough.",
        "They push us to be concrete. Vague messaging doesn't survive a sales call.",
        "Making time for persona interviews, even in the last week of the quarter.",
        "Filling in the lost reason properly on the deals where they do fill it in.",
        "Telling us when the website promises something the product doesn't do.",
        "A couple of AEs write LinkedIn posts we can amplify. They work better than company posts.",
        "Helping us pick which accounts to invite to events, which keeps the room relevant.",
        "Quick reactions to campaign drafts when we ask in the shared channel.",
        "Sharing customer objections in the weekly roundup.",
        "The SDR team tells us within days when a list is bad, so we don't waste budget on it.",
        "Bringing customers to our events and introducing us to them.",
        "Letting us join discovery calls when we ask. It's the best research we do all year.",
        "Honest input on the pricing page wording. They hear the confusion first.",
        "Flagging trends early, like when prospects started asking about data residency.",
        "Following up on webinar leads the same week, which is exactly what we need.",
    ],
}

# Optional free comments at the end of the survey.
COMMENTS = {
    "Sales": [
        "Good to see this survey. Hope something actually changes this time.",
        (
            "We've talked about lead quality for two years. I'd rather see one small change than "
            "another workshop."
        ),
        "Working with marketing is better than it was last year, credit where it's due.",
        "The survey was quick, thanks. Please share the results with everyone, not just managers.",
        "Not sure a survey fixes this, but happy to join a working group if there is one.",
        (
            "Most of the friction is about targets, not people. The marketing team is great to "
            "work with."
        ),
        "Please don't turn this into more meetings. Our Mondays are already full of them.",
        (
            "I'd love to see the answers from marketing. Curious whether they see the same "
            "problems we do."
        ),
        "Honestly, collaboration in my region is fine. The issues are mostly at HQ level.",
        "The question about what helps most was a nice touch. We forget to say thanks.",
        "Whatever we agree on, let's write it down and check on it again in three months.",
        "Short and to the point. More surveys like this one, fewer long ones.",
        "Sceptical, but willing. Let's see what comes out of it.",
        (
            "Could we have a question about the CRM next time? Half our problems are really data "
            "problems."
        ),
        (
            "Thanks for asking. I'm new here, and this helped me see how the two teams are "
            "supposed to work together."
        ),
    ],
    "Marketing": [
        "Really glad we're doing this jointly instead of each team complaining in its own channel.",
        (
            "Please act on the results. The last alignment workshop produced a nice document and "
            "nothing else."
        ),
        "Sales has been much more open to feedback lately. Let's keep that going.",
        (
            "The survey could use a question on budget and priorities, that's where a lot of the "
            "tension comes from."
        ),
        (
            "I'd like to see the results broken down by region, the problems are very different in "
            "each."
        ),
        "Hopeful. Most people on both sides want the same thing.",
        (
            "A bit worried this turns into a blame exercise. Let's keep it about processes, not "
            "people."
        ),
        "Five minutes well spent. Looking forward to seeing the themes.",
        "We should run this every quarter and track whether things actually improve.",
        "Not everything is a sales vs marketing problem; some of it is product and pricing.",
        "Loved that the survey asks what the other team does well.",
        "It would be good if leadership from both sides went through the results together.",
        "I answered honestly and hope the answers stay anonymous.",
        "Nothing to add, except that the SDR team is doing great work this quarter.",
        "Let's pick two or three things and finish them, instead of starting ten.",
    ],
}

# Names for about 90 demo people (combined first x last gives unique names).
FIRST_NAMES = [
    "Amara", "Lukas", "Priya", "Mateo", "Sofia", "Kenji", "Aisha", "Tomasz", "Ingrid", "Diego",
    "Mei", "Oluwaseun", "Hannah", "Rafael", "Leila", "Jonas", "Ananya", "Marcus", "Yuki", "Fatima",
    "Elena", "Kwame", "Chloe", "Arjun", "Nadia", "Sean", "Camila", "Hiroshi", "Zanele", "Erik",
    "Valentina", "Omar", "Grace", "Bogdan", "Isabel", "Tariq", "Freya", "Minh", "Laura", "Samuel",
]
LAST_NAMES = [
    "Okafor", "Schneider", "Raman", "Gonzalez", "Lindqvist", "Tanaka", "Haddad", "Kowalski",
    "Murphy", "Costa", "Nguyen", "Mensah", "Fischer", "Alvarez", "Chen", "Novak", "Patel",
    "O'Brien", "Dubois", "Rahman", "Jensen", "Moreau", "Ivanova", "Adeyemi", "Bianchi", "Kim",
    "Silva", "Hoffmann", "Yilmaz", "Petrov", "Andersson", "Mahlangu", "Rossi", "Walsh", "Kapoor",
    "Sato", "Horvat", "Mendes", "Brennan", "Clarke",
]

# Ideas posted directly on the idea board of the open round (not from the survey).
BOARD_IDEAS = {
    "Sales": [
        (
            "Add a 'bad lead' reason dropdown to the CRM, so rejecting a lead takes one click and "
            "marketing gets the data."
        ),
        "Refresh the three main competitor battlecards before next quarter starts.",
        "Run a joint win/loss review on the five biggest deals of last quarter.",
        "Build a case study library that can be searched by industry and company size.",
        "Pilot a shared MQL definition in one region for a quarter and compare conversion rates.",
        "Invite one marketer each week to the Monday forecast call.",
        "Create a short first-call deck, ten slides, with a matching follow-up email.",
        (
            "Agree a list of 40 target accounts in the northern region and run a joint ABM "
            "campaign on it."
        ),
        "Set up a shared Slack channel for competitor sightings and pricing objections.",
        "Have every AE host a marketer on two discovery calls this quarter.",
        "Show the campaign touch history on the contact page in the CRM.",
        "Agree a follow-up SLA that only applies to leads meeting the shared criteria.",
    ],
    "Marketing": [
        "Make 'primary campaign source' a required field when an opportunity is created.",
        (
            "Build one funnel dashboard from lead to closed-won and review it in a monthly joint "
            "meeting."
        ),
        (
            "A monthly lead quality pulse: five accepted and five rejected leads, with reasons, "
            "discussed in 20 minutes."
        ),
        "Agree a 24-hour follow-up SLA for demo requests and report on it weekly.",
        "Hold a joint quarterly planning day before campaign budgets are set.",
        "Recruit three customers per quarter for case studies through their account managers.",
        "Launch an ABM pilot on 30 target accounts with two volunteer AEs.",
        "Let every new marketer shadow five sales calls in their first month.",
        "Agree on a simple multi-touch attribution model and use it in all pipeline reports.",
        (
            "Write a one-page definition of MQL and SQL with examples, and pin it in the shared "
            "Slack channel."
        ),
        "Bring back the joint win/loss review, with marketing presenting the campaign side.",
        "Invite marketing to deal reviews for opportunities above 100k ARR.",
    ],
}
