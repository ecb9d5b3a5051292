"""Texts for the demo survey rounds: answers written to read like real ones."""

# Answers to "What one change would most improve how sales and marketing work together?"
CHANGE_IDEAS = {
    "Sales": [
        (
            "Agree on one definition of a qualified lead and stick to it. Right now an MQL means "
            "whatever the campaign needs it to mean that month."
        ),
        "Stop sending us people who downloaded a single whitepaper and calling them leads.",
        (
            "A lead score that actually reflects buying intent, not just how many emails someone "
            "opened."
        ),
        (
            "Sit down once and write down what makes a lead sales-ready: company size, role, a "
            "real project, some kind of timeline."
        ),
        (
            "Half the MQLs I get are students, competitors or companies with five employees. We "
            "need qualification criteria both teams signed off on."
        ),
        "Honestly? Fewer leads, but better ones. That's it.",
        "Let us have a say in the lead scoring model. We're the ones calling these people.",
        (
            "A joint definition of MQL vs SQL, written down, with examples of what does and "
            "doesn't count."
        ),
        (
            "We need one agreed definition of what a qualified lead is, so we stop arguing about "
            "it every quarter."
        ),
        (
            "Tighten the scoring so webinar attendees don't automatically hit the threshold. "
            "Attending a webinar isn't the same as buying."
        ),
        (
            "Filter out anyone under 50 employees before it reaches the SDR queue, that alone "
            "would save us hours every week."
        ),
        (
            "A short joint pipeline review every two weeks where marketing hears what's actually "
            "in the funnel."
        ),
        "Invite marketing to the weekly forecast call, at least for the first 15 minutes.",
        (
            "One planning meeting per quarter where we go through the campaign calendar and our "
            "territory plans side by side."
        ),
        (
            "Monthly sync between sales managers and the campaign team. 30 minutes, fixed agenda, "
            "no slides."
        ),
        (
            "Plan the quarter together instead of us finding out about a campaign when the leads "
            "start landing."
        ),
        (
            "Have someone from marketing join our Monday forecast meeting so they see the same "
            "pipeline we see."
        ),
        (
            "One dashboard both teams look at, so we stop showing up to meetings with different "
            "numbers."
        ),
        (
            "Make the campaign history visible on the account record in the CRM. I want to know "
            "what a prospect has seen before I call."
        ),
        (
            "Show which content a lead engaged with right in Salesforce, without five clicks and a "
            "separate report."
        ),
        (
            "Shared pipeline numbers. When marketing says 'sourced' and we say 'sourced' we mean "
            "two different things."
        ),
        (
            "Up-to-date battlecards for our top three competitors. The ones on the shared drive "
            "are from 2022."
        ),
        (
            "More customer case studies from mid-market manufacturing and logistics, that's where "
            "most of my deals are."
        ),
        "A pitch deck built for a first call, not a keynote. Ten slides max.",
        (
            "Ask us what content we need before producing it. We got three ebooks last quarter and "
            "I don't know anyone who has sent one."
        ),
        (
            "Give us a one-pager on pricing objections. Every prospect pushes back on per-seat "
            "pricing and we all improvise."
        ),
        (
            "Customer references we can actually put prospects in touch with, sorted by industry "
            "and use case."
        ),
        "An ROI calculator that doesn't need a spreadsheet wizard to run it on a live call.",
        (
            "Short follow-up email templates for after a demo, written by people who know how to "
            "write."
        ),
        (
            "Keep all sales content in one place with a search that works. I spend 20 minutes "
            "hunting for the right deck before big calls."
        ),
        (
            "Competitive battlecards that get updated when a competitor changes its pricing, not "
            "once a year."
        ),
        "A few two-minute customer videos we can drop into an email after a demo.",
        "Case studies with real numbers in them. 'Improved efficiency' doesn't convince a CFO.",
        (
            "A security and compliance FAQ sheet. IT teams ask the same 20 questions in every "
            "enterprise deal and we answer them from scratch each time."
        ),
        (
            "A quarterly win/loss review with both teams in the room, looking at real deals rather "
            "than averages."
        ),
        (
            "A quick way to flag a bad lead in the CRM with a reason, and someone in marketing who "
            "actually reads those flags."
        ),
        (
            "Tell us what happened with the leads we rejected. Did they come back later? Did "
            "someone else close them?"
        ),
        (
            "Let's go through the deals we lost to competitors together and work out whether it "
            "was the message, the price or the product."
        ),
        (
            "A lead quality button in the CRM: thumbs up or down plus one line of why. Takes ten "
            "seconds."
        ),
        (
            "Measure both teams on pipeline and revenue, instead of marketing on lead volume and "
            "us on closed deals."
        ),
        (
            "A fair SLA. If we're expected to call within 24 hours, the lead has to meet the "
            "agreed criteria first."
        ),
        (
            "Stop reporting our follow-up time as if every lead were a hot one. Some of those "
            "'leads' were never going to pick up the phone."
        ),
        "One shared revenue target for the quarter, so we win and lose together.",
        (
            "Tie marketing's bonus to what closes, not to MQL counts. Then the lead quality "
            "problem mostly solves itself."
        ),
        (
            "A written agreement on both sides: what marketing delivers, how fast we follow up, "
            "and what happens when either side misses."
        ),
        (
            "Give both teams the same revenue number to hit. Separate targets pull us in different "
            "directions."
        ),
        (
            "Pick 50 target accounts per region together and run campaigns on those instead of "
            "spraying the whole market."
        ),
        (
            "Account-based campaigns for my named accounts. I know who the buyers are, marketing "
            "knows how to reach them at scale."
        ),
        (
            "Coordinate outreach on key accounts so a prospect doesn't get a generic nurture email "
            "the same morning I send a personal one."
        ),
        (
            "Small targeted events for a handful of strategic accounts, like a dinner or a "
            "roundtable, instead of yet another big webinar."
        ),
        "Let AEs nominate accounts for the ABM programme each quarter.",
        "New marketing hires should shadow a few discovery calls in their first month.",
        "Sit together a couple of days a week. We're on different floors and it shows.",
        (
            "Put marketing people on some of our calls. Listening to a prospect for 30 minutes "
            "teaches more than any persona document."
        ),
        (
            "Add an hour on how marketing works to sales onboarding. I didn't know what a nurture "
            "track was until month six."
        ),
    ],
    "Marketing": [
        (
            "Agree on lead criteria together, and stop changing them mid-quarter whenever the "
            "pipeline looks thin."
        ),
        (
            "Write down what sales considers a good lead, with real examples, so we can target and "
            "score for it."
        ),
        (
            "Revisit the lead scoring model with sales every six months instead of us guessing "
            "what they want."
        ),
        "A shared definition of MQL and SQL. Right now every rep seems to have their own.",
        (
            "Settle on one set of qualification rules and put them into the CRM, so nobody has to "
            "argue about them on a case-by-case basis."
        ),
        (
            "A monthly joint planning meeting where we look at pipeline, upcoming campaigns and "
            "which segments need help."
        ),
        (
            "Give us a seat in the weekly forecast call. We can't plan campaigns around a pipeline "
            "we never see."
        ),
        "Quarterly planning together, before budgets are locked, not after.",
        (
            "A standing 30-minute pipeline review every other week with sales leadership and "
            "demand gen."
        ),
        (
            "Tell us about big pushes early. We heard about the year-end promotion two days before "
            "it started."
        ),
        (
            "One joint quarterly kickoff instead of two separate ones with two separate sets of "
            "priorities."
        ),
        "Meet once a month, both teams, look at the funnel together and agree where to focus next.",
        "One shared dashboard from first touch to closed deal, so both teams see the same numbers.",
        (
            "Log activities and stages in the CRM properly. We can't show what campaigns "
            "contribute when half the opportunities have no source."
        ),
        (
            "Agree on an attribution model. Right now marketing gets zero credit for any deal an "
            "AE touched first, even if the account came in through three of our campaigns."
        ),
        (
            "Keep opportunity stages up to date so our reports mean something. A deal that has "
            "been 'in negotiation' for 200 days isn't."
        ),
        (
            "Give us read access to the pipeline reports. We shouldn't have to ask for a CSV "
            "export every month."
        ),
        "A single source of truth for pipeline. Three spreadsheets and a CRM is not a system.",
        (
            "Multi-touch attribution that both teams sign off on, so the webinar that started a "
            "deal gets some credit."
        ),
        (
            "Make the campaign field mandatory on new opportunities. It takes five seconds and it "
            "changes our whole budget discussion."
        ),
        (
            "Build the revenue dashboard together and review it in the same meeting, instead of "
            "each team bringing its own slides."
        ),
        (
            "Both teams working from the same dashboard, with the same definitions, from lead to "
            "closed-won."
        ),
        (
            "Stop keeping contacts outside the CRM. Every deal that lives in someone's inbox is "
            "invisible to us."
        ),
        (
            "Clean up the account data. We can't target an industry when 40% of accounts have no "
            "industry set."
        ),
        (
            "Tell us which content you actually use in deals, so we can stop making things nobody "
            "sends."
        ),
        (
            "Introduce us to two or three customers a quarter who'd do a case study. We can't "
            "write them without those introductions."
        ),
        "Review new battlecards before we publish them, so they match what you hear on calls.",
        (
            "Tell us why a lead was rejected. 'Not qualified' with no reason doesn't help us fix "
            "anything."
        ),
        (
            "Regular feedback on lead quality, even just a monthly message in Slack with the good "
            "and the bad."
        ),
        "Run win/loss interviews together and share the results with both teams.",
        "Fill in the lost reason field with something more useful than 'other' or 'no decision'.",
        (
            "Tell us when a campaign produced a great conversation. We only ever hear about the "
            "bad leads."
        ),
        "A 15-minute monthly slot where a couple of reps walk us through recent wins and losses.",
        (
            "Feedback on messaging, please. If a headline confuses prospects on calls, we want to "
            "know within days, not months."
        ),
        (
            "Close the loop on every lead: accepted, rejected, and why. Without that we're "
            "optimising campaigns blind."
        ),
        (
            "A shared channel where reps post the objections they heard this week. It's the best "
            "input we could possibly get."
        ),
        "When you reject a lead, add a reason. Then we can actually change the targeting.",
        "A quarterly review of deals we lost to competitors, with marketing in the room.",
        (
            "An SLA on follow-up. Leads that sit untouched for a week go cold and then get blamed "
            "on us."
        ),
        "A shared pipeline target instead of us chasing MQL numbers while sales chases bookings.",
        (
            "Agree how fast inbound demo requests get a call. Some of them waited four days last "
            "month."
        ),
        (
            "One revenue goal for both teams. Having lead volume as our main KPI rewards the wrong "
            "behaviour."
        ),
        (
            "If we commit to a number of qualified leads, sales commits to working every one of "
            "them within two business days."
        ),
        (
            "Follow up on event leads while the event is still fresh. After two weeks nobody "
            "remembers talking to us at the booth."
        ),
        "Shared OKRs for sales and marketing, reviewed together every quarter.",
        (
            "Respond to inbound leads faster. Leads that wait more than a day convert far worse, "
            "and that's a follow-up problem, not a campaign problem."
        ),
        (
            "Pick target accounts together and run proper account-based campaigns, with sales "
            "outreach timed to the ads and emails."
        ),
        (
            "Share your account plans for the top accounts so we can build content and ads around "
            "them."
        ),
        (
            "Coordinated plays on the top 100 accounts: we warm them up, sales follows with "
            "personal outreach the same week."
        ),
        "Agree on a target account list once a quarter and both work from that list.",
        "Let us run small account-based pilots with two or three AEs who actually want to try it.",
        (
            "Involve us earlier in big deals. We could help with tailored content if we knew about "
            "them before the final stage."
        ),
        "Let marketers listen in on a few sales calls every month.",
        "Sit together. Even one shared office day a week would change a lot.",
        (
            "Have new reps spend half a day with marketing during onboarding, so they know what we "
            "do and what we can build for them."
        ),
    ],
}

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
