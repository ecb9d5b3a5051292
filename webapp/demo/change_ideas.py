"""Demo answers to the open question on the one change that would help most."""

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
