// Long on purpose: the demo practice's content as plain data, no logic; demo-builder.ts turns it into rows.
import type { UserRole } from '#tandem/coaching';
import type { Cadence, CadenceAnchor, Weekday, WeekdayOrdinal } from '#tandem/scheduling';
import type { ClientSeed, CoachKey } from './demo-practice.types.js';

export const DEMO_PRACTICE_NAME = 'Northstar Career Coaching';
export const DEMO_PASSWORD = 'tandem-demo-password';
export const DEMO_OWNER_EMAIL = 'owner@demo.tandem.test';
export const DEMO_COACH_EMAIL = 'coach@demo.tandem.test';
export const DEMO_CLIENT_EMAIL = 'client@demo.tandem.test';

const monthly = (anchor: CadenceAnchor, localTime: string): Omit<Cadence, 'timeZone'> => ({ frequency: 'MONTHLY', anchor, localTime });
const quarterly = (anchor: CadenceAnchor, localTime: string): Omit<Cadence, 'timeZone'> => ({ frequency: 'QUARTERLY', anchor, localTime });
const onDay = (day: number): CadenceAnchor => ({ kind: 'DAY_OF_MONTH', day });
const onWeekday = (ordinal: WeekdayOrdinal, weekday: Weekday): CadenceAnchor => ({ kind: 'ORDINAL_WEEKDAY', ordinal, weekday });
const MONDAY = 1;
const TUESDAY = 2;
const WEDNESDAY = 3;
const FRIDAY = 5;

export const COACHES: Record<CoachKey, { name: string; email: string; role: UserRole }> = {
  owner: { name: 'Eleanor Hart', email: DEMO_OWNER_EMAIL, role: 'OWNER' },
  coach: { name: 'Daniel Okafor', email: DEMO_COACH_EMAIL, role: 'COACH' },
};

export const SPONSOR = {
  organisation: 'Harbourline Logistics',
  contactName: 'Sarah Whitmore',
  contactEmail: 'sarah.whitmore@harbourline.example',
};

export const CLIENTS: ClientSeed[] = [
  {
    name: 'Amelia Clarke',
    email: DEMO_CLIENT_EMAIL,
    timeZone: 'Europe/London',
    status: 'ACTIVE',
    coach: 'owner',
    currentRole: 'Senior Product Manager, Payments',
    targetRole: 'Director of Product',
    tags: ['product', 'promotion', 'fintech'],
    login: true,
    engagement: {
      title: 'Path to Director of Product',
      phase: 'ACT',
      status: 'ACTIVE',
      cadence: monthly(onDay(12), '08:30'),
      sessionMinutes: 60,
      startedMonthsAgo: 12,
      themes: [
        'the case for promotion to Director',
        'stakeholder mapping across Risk and Engineering',
        'handing roadmap detail to the two PMs',
        'a two-year narrative for the payments product',
        'negotiating scope with the Chief Product Officer',
        'salary benchmarks for Director roles',
      ],
      goals: [
        {
          title: 'Promotion to Director of Product',
          category: 'CAREER',
          horizon: 'ONE_YEAR',
          metric: 'Director competencies evidenced',
          unit: 'of 8',
          baseline: 2,
          target: 8,
          checkIns: [3, 4, 4, 6, 7],
          notes: [
            'Strategy and hiring now evidenced.',
            'Quiet month: roadmap crunch.',
            'No change; calibration moved.',
            'Vision presentation ticked two boxes.',
            'Budget ownership agreed with the CPO.',
          ],
        },
        {
          title: 'Base salary at Director level',
          category: 'FINANCIAL',
          horizon: 'THREE_YEARS',
          metric: 'Base salary',
          unit: 'GBP',
          baseline: 95_000,
          target: 130_000,
          checkIns: [95_000, 95_000, 101_000, 104_500],
        },
        {
          title: 'Informational interviews with product leaders',
          category: 'NETWORK',
          horizon: 'ONE_YEAR',
          metric: 'Informational interviews',
          unit: 'interviews',
          baseline: 0,
          target: 12,
          checkIns: [2, 4, 5, 8, 9],
        },
      ],
      actions: [
        {
          title: 'Draft the promotion case one-pager',
          status: 'DONE',
          due: -150,
          goal: 0,
          comments: [
            { by: 'client', daysAgo: 160, body: 'First draft is in the shared folder. The impact section feels thin to me.' },
            {
              by: 'coach',
              daysAgo: 158,
              body: 'Good start. Lead with the payments migration numbers and move the team section to the second half.',
            },
          ],
        },
        {
          title: 'Book a coffee with the Head of Risk',
          status: 'DONE',
          due: -60,
          details: 'Ask what "strategic" looks like from Risk\'s side.',
        },
        {
          title: 'Ask two PMs to own the quarterly roadmap reviews',
          status: 'OPEN',
          due: -4,
          comments: [
            { by: 'client', daysAgo: 2, body: 'Raj has agreed; Leah is on leave until the end of the month, so this one slips a little.' },
          ],
        },
        { title: 'Send the promotion case to the CPO ahead of calibration', status: 'OPEN', due: 3, goal: 0 },
        {
          title: 'Three informational interviews this month',
          status: 'OPEN',
          due: 18,
          goal: 2,
          details: 'Fintech and marketplace Directors; use the warm intros from the product community.',
        },
        {
          title: 'Read "The Making of a Manager", chapters 4–6',
          status: 'DROPPED',
          due: -90,
          details: 'Dropped in favour of the company leadership programme reading list.',
        },
      ],
      plan: [
        {
          strengthsInventory:
            'Eight years in product, the last four in payments. Trusted by engineering and ships reliably; calm and clear in incidents. Strong writer: her decision memos get reused by other teams.',
          gapsAndThreats:
            'Seen as an excellent executor rather than a strategist. Little visibility with the executive team. Holds on to detail she could delegate, which leaves no room for the bigger picture.',
          directionAndOpportunities:
            'Director of Product in the current company within twelve months, leading the payments and risk product managers. Fallback: an external Director role at a scale-up fintech.',
          marketAnalysis:
            'London fintech is hiring Directors of Product selectively; most roles ask for a track record of managing product managers and owning a P&L conversation. The internal route is faster and lower risk.',
          compensationPlan:
            'Current base £95,000. The internal Director band is £120,000–£140,000; external benchmarks £125,000–£145,000 plus equity. Target £130,000 base.',
          strategyAndTimetable:
            'Quarter 1: promotion case and sponsor map. Quarter 2: lead the two-year payments vision. Quarter 3: calibration. Quarter 4: negotiate the offer, or start an external search if it stalls.',
          brandingAndNetworking:
            'Position: "the PM who turns risk into product". One talk at the company all-hands, a refreshed LinkedIn profile and twelve informational interviews with product leaders.',
        },
        {
          strategyAndTimetable:
            'Promotion case drafted and shared with her manager. Next: co-present the payments vision with the CPO, then calibration at the end of the quarter. External search stays on hold.',
          brandingAndNetworking:
            'Five of twelve informational interviews done; two led to ongoing mentoring. The all-hands talk is booked. LinkedIn refreshed around the payments migration story.',
        },
        {
          gapsAndThreats:
            'Executive visibility much improved since the vision presentation. Delegation is still a work in progress: two PMs now run roadmap reviews, the third is not ready. Risk: a reorganisation rumoured for next year.',
          compensationPlan:
            'Benchmarks refreshed: two external conversations at £128,000–£135,000 base. If promoted, open at £135,000 and accept no less than £125,000 with a review in six months.',
        },
      ],
    },
  },
  {
    name: "James O'Connor",
    email: 'james.oconnor@example.com',
    timeZone: 'America/New_York',
    status: 'ACTIVE',
    coach: 'coach',
    currentRole: 'Engineering Manager, Platform',
    targetRole: 'VP of Engineering',
    tags: ['engineering', 'sponsored', 'leadership'],
    engagement: {
      title: 'Engineering leadership programme (Harbourline)',
      phase: 'ACT',
      status: 'ACTIVE',
      cadence: monthly(onWeekday(1, TUESDAY), '12:00'),
      sessionMinutes: 60,
      startedMonthsAgo: 11,
      sessionsAllotted: 12,
      sponsored: true,
      themes: [
        'moving from managing engineers to managing managers',
        'the platform reorganisation proposal',
        'communicating with the CTO',
        'hiring two senior engineering managers',
        'an underperforming tech lead',
        'owning the cloud budget',
      ],
      goals: [
        {
          title: 'Lead a multi-team engineering organisation',
          category: 'CAREER',
          horizon: 'THREE_YEARS',
          metric: 'Engineers in reporting line',
          unit: 'people',
          baseline: 9,
          target: 40,
          checkIns: [9, 14, 14, 22],
        },
        {
          title: 'Executive presence',
          category: 'LEARNING',
          horizon: 'ONE_YEAR',
          metric: 'Average 360 feedback score',
          unit: 'out of 5',
          baseline: 3.1,
          target: 4.2,
          checkIns: [3.1, 3.5, 3.8],
          notes: [
            'Initial 360 from peers and reports.',
            'Mid-year pulse: clearer in staff meetings.',
            'The CTO called out the reorg write-up.',
          ],
        },
      ],
      actions: [
        { title: 'Write the platform reorganisation proposal', status: 'DONE', due: -200, goal: 0 },
        { title: 'Skip-level one-to-ones with every tech lead', status: 'DONE', due: -90 },
        {
          title: 'Hire two senior engineering managers',
          status: 'OPEN',
          due: 45,
          goal: 0,
          details: 'One offer out; the second role is at final interviews.',
        },
        {
          title: "Prepare a cloud-cost story for the CTO's staff meeting",
          status: 'OPEN',
          due: -2,
          comments: [
            {
              by: 'coach',
              daysAgo: 1,
              body: 'Keep it to one slide: the trend, what drives it, and the two decisions you need from the room.',
            },
          ],
        },
        {
          title: 'Agree a 30-day improvement plan with the platform tech lead',
          status: 'OPEN',
          due: 5,
          details: 'Write down the expectations first; share them before the meeting.',
        },
      ],
      plan: [
        {
          strengthsInventory:
            'Deep platform expertise and the respect of senior engineers. Builds calm, low-drama teams with low attrition. Good at turning incidents into lasting fixes.',
          gapsAndThreats:
            'Has not yet managed managers. Tends to solve technical problems himself under pressure. Less comfortable in budget conversations; the CTO sees him as "one of the engineers".',
          directionAndOpportunities:
            'Head of Platform (three teams) within a year as a step towards VP of Engineering. Harbourline is consolidating infrastructure teams, which opens the role.',
          marketAnalysis:
            'VP of Engineering roles in logistics and supply-chain tech value platform experience and cost discipline. Competition internally: one other manager, stronger on product.',
          compensationPlan:
            'Current base $185,000 with a 10% bonus. Head of Platform band is $210,000–$235,000; VP roles in the region $260,000+ with equity. Aim for the top of band on promotion.',
          strategyAndTimetable:
            'First four months: reorganisation proposal and two manager hires. Next four: run the platform group and own the cloud budget. Final four: build the VP case with the CTO.',
          brandingAndNetworking:
            'Write two internal engineering blog posts on the platform migration. Join the CTO staff meeting monthly. Reconnect with two former colleagues now at VP level.',
        },
        {
          strategyAndTimetable:
            'Reorganisation approved; now Head of Platform in all but title. One manager hired, one in final interviews. Cloud budget ownership transfers next quarter.',
          gapsAndThreats:
            'Delegation improving: stayed out of the last two incidents. Still needs practice presenting money, not technology. New risk: the reorganisation has made one tech lead unhappy.',
        },
        {
          compensationPlan:
            'Title change and raise to $212,000 agreed with the CTO, effective next quarter. The VP case now rests on hitting the cloud savings target; revisit equity at that point.',
        },
      ],
    },
  },
  {
    name: 'Mei Lin Chen',
    email: 'meilin.chen@example.org',
    timeZone: 'America/Los_Angeles',
    status: 'ACTIVE',
    coach: 'owner',
    currentRole: 'Staff Data Scientist',
    targetRole: 'Head of Data Science',
    tags: ['data', 'ic-to-manager', 'public-speaking'],
    engagement: {
      title: 'From staff data scientist to data science leader',
      phase: 'PLAN',
      status: 'ACTIVE',
      cadence: monthly(onDay(20), '10:00'),
      sessionMinutes: 60,
      startedMonthsAgo: 9,
      cancelled: 5,
      themes: [
        'whether to take the manager track at all',
        'running a first hiring loop',
        'a conference talk on causal inference',
        'influencing the roadmap with experiments',
        'saying no to ad-hoc analysis requests',
      ],
      goals: [
        {
          title: 'Speak at industry conferences',
          category: 'NETWORK',
          horizon: 'ONE_YEAR',
          metric: 'Talks delivered',
          unit: 'talks',
          baseline: 0,
          target: 3,
          checkIns: [0, 1, 1, 2],
        },
        {
          title: 'Build and lead a data science team',
          category: 'CAREER',
          horizon: 'FIVE_YEARS',
          metric: 'Direct reports',
          unit: 'people',
          baseline: 0,
          target: 12,
          checkIns: [0, 0, 2, 3],
        },
        {
          title: 'Protect time for deep work',
          category: 'LIFE',
          horizon: 'ONE_YEAR',
          metric: 'Meeting-free afternoons per week',
          unit: 'afternoons',
          baseline: 0,
          target: 3,
          checkIns: [1, 1, 2, 2],
        },
      ],
      actions: [
        { title: 'Submit the talk proposal to the analytics conference', status: 'DONE', due: -180, goal: 0 },
        { title: 'Shadow the Head of Analytics in two planning meetings', status: 'DONE', due: -70 },
        { title: 'Block Tuesday and Thursday afternoons for deep work', status: 'OPEN', due: 2, goal: 2 },
        {
          title: 'Write an intake form for ad-hoc analysis requests',
          status: 'OPEN',
          due: -6,
          details: 'Three questions: the decision it informs, the deadline, and what happens if nobody answers.',
        },
        { title: 'Rehearse the conference talk with the team', status: 'OPEN', due: 25, goal: 0 },
      ],
      plan: [
        {
          strengthsInventory:
            'Rigorous and creative: her experimentation framework is used company-wide. Patient mentor to junior scientists. Respected by product managers for plain-language findings.',
          gapsAndThreats:
            'Undecided about management and worried about losing technical depth. Says yes to every request, so strategic work slips. Little external profile outside the company.',
          directionAndOpportunities:
            'Test the manager track by leading a pod of two to three scientists this year. If it fits, Head of Data Science in three to five years; if not, Principal IC.',
          marketAnalysis:
            'Bay Area demand for data science leaders with causal-inference depth is steady; many teams are consolidating. Hybrid player-coach roles are common at Series C–D companies.',
          compensationPlan:
            'Current total compensation about $310,000. A first management step is roughly flat in cash; the upside comes at Head of level ($380,000–$450,000 total).',
          strategyAndTimetable:
            'Months 1–3: decide on the trial. Months 4–6: lead the hiring loop for two scientists. Months 7–12: run the pod and review whether management suits her.',
          brandingAndNetworking:
            'One conference talk on causal inference, then a written version on the company blog. Join a women-in-data leadership circle.',
        },
        {
          directionAndOpportunities:
            'Trial under way: leading a pod of two since last quarter and enjoying the coaching side more than expected. Head of Data Science now the working goal; the Principal IC path stays open.',
          strategyAndTimetable:
            'Hiring loop done: two hires started. Next: the conference talk, then a six-month review of the pod with her manager. Protect two afternoons a week for her own analysis.',
        },
      ],
    },
  },
  {
    name: 'Oliver Grant',
    email: 'oliver.grant@example.com',
    timeZone: 'Australia/Sydney',
    status: 'ACTIVE',
    coach: 'coach',
    currentRole: 'Finance Director, APAC',
    targetRole: 'Chief Financial Officer',
    tags: ['finance', 'c-suite', 'quarterly'],
    engagement: {
      title: 'CFO readiness',
      phase: 'ACT',
      status: 'ACTIVE',
      cadence: quarterly(onWeekday(-1, FRIDAY), '09:00'),
      sessionMinutes: 90,
      startedMonthsAgo: 13,
      themes: [
        'presence in the boardroom',
        'the path from Finance Director to CFO of a listed company',
        'developing a successor in the finance team',
        'investor relations experience',
      ],
      goals: [
        {
          title: 'Present to the board regularly',
          category: 'CAREER',
          horizon: 'FIVE_YEARS',
          metric: 'Board presentations',
          unit: 'presentations',
          baseline: 1,
          target: 8,
          checkIns: [1, 2, 4],
        },
        {
          title: 'Total compensation at CFO level',
          category: 'FINANCIAL',
          horizon: 'FIVE_YEARS',
          metric: 'Total compensation',
          unit: 'AUD',
          baseline: 310_000,
          target: 450_000,
          checkIns: [310_000, 325_000, 340_000],
        },
        {
          title: 'Non-executive board experience',
          category: 'CAREER',
          horizon: 'TEN_YEARS',
          metric: 'Non-executive seats held',
          unit: 'seats',
          baseline: 0,
          target: 2,
          checkIns: [0, 0, 1],
          notes: ['Researching charity boards.', 'Interviewed with two boards.', 'Joined a regional charity board as treasurer.'],
        },
      ],
      actions: [
        { title: 'Ask the CEO for a slot in the next board pack', status: 'DONE', due: -150, goal: 0 },
        { title: 'Join the charity board as treasurer', status: 'DONE', due: -80, goal: 2 },
        { title: 'Meet two search firms that place CFOs', status: 'OPEN', due: -10 },
        {
          title: 'Name a successor and agree a development plan',
          status: 'OPEN',
          due: 60,
          details: 'Two candidates in the team; discuss both with the CEO first.',
        },
      ],
      plan: [
        {
          strengthsInventory:
            'Fifteen years in finance across three countries. Very strong on controls and forecasting; trusted by the CEO. Has led two system migrations on time.',
          gapsAndThreats:
            'Limited board and investor exposure. No obvious successor, which makes it hard to let him go. The group CFO is only two years into the role.',
          directionAndOpportunities:
            'CFO of a mid-cap listed company, or of a private-equity-backed business, within three to five years. Non-executive roles later.',
          marketAnalysis:
            'ASX mid-cap CFO searches favour candidates with capital-markets and board experience. Private equity moves faster and values operational finance.',
          compensationPlan:
            'Current total compensation AUD 310,000. Mid-cap CFO packages AUD 420,000–550,000 including incentives. Long-term incentives matter more than base.',
          strategyAndTimetable:
            'Year 1: board exposure and a successor. Year 2: investor relations and an acting-CFO opportunity. Year 3: go to market with two search firms.',
          brandingAndNetworking:
            'Treasurer of a charity board for governance experience. Two CFO roundtables a year. Meet the search firms early, before he needs them.',
        },
        {
          gapsAndThreats:
            'Board exposure improving: now presents the quarterly forecast to the board. Successor still not named. New threat: the group is considering moving APAC finance to Singapore.',
          strategyAndTimetable:
            'Board presentations now quarterly. Next: shadow the group CFO on an investor roadshow, name a successor within six months and meet two search firms this year.',
        },
      ],
    },
  },
  {
    name: 'Ananya Iyer',
    email: 'ananya.iyer@example.com',
    timeZone: 'Asia/Kolkata',
    status: 'ACTIVE',
    coach: 'owner',
    currentRole: 'Senior Consultant, Strategy',
    targetRole: 'Product Manager',
    tags: ['career-change', 'consulting', 'product'],
    engagement: {
      title: 'From consulting to product management',
      phase: 'PLAN',
      status: 'ACTIVE',
      cadence: monthly(onWeekday(-1, FRIDAY), '18:30'),
      sessionMinutes: 60,
      startedMonthsAgo: 7,
      noShow: 3,
      themes: [
        'transferable skills from consulting',
        'a portfolio case study',
        'an internal transfer or an external move',
        'interview practice for product roles',
        'the salary trade-off of changing careers',
      ],
      goals: [
        {
          title: 'Complete the product management course',
          category: 'LEARNING',
          horizon: 'ONE_YEAR',
          metric: 'Modules completed',
          unit: 'modules',
          baseline: 0,
          target: 8,
          checkIns: [1, 3, 4, 6],
        },
        {
          title: 'Evenings free of work',
          category: 'LIFE',
          horizon: 'THREE_YEARS',
          metric: 'Work-free evenings per week',
          unit: 'evenings',
          baseline: 1,
          target: 4,
          checkIns: [1, 2, 2, 3],
        },
        {
          title: 'Reach product manager interviews',
          category: 'CAREER',
          horizon: 'ONE_YEAR',
          metric: 'Interview loops reached',
          unit: 'loops',
          baseline: 0,
          target: 5,
          checkIns: [0, 1, 2],
        },
      ],
      actions: [
        { title: 'Update the LinkedIn headline for product roles', status: 'DONE', due: -120 },
        { title: 'Finish module 4: discovery and user research', status: 'DONE', due: -25, goal: 0 },
        { title: 'Talk to two internal PMs about a transfer', status: 'OPEN', due: -8, goal: 2 },
        {
          title: 'Draft the portfolio case study on the telecom churn project',
          status: 'OPEN',
          due: 4,
          goal: 2,
          details: 'Problem, what you learned from users, what shipped, the result.',
        },
      ],
      plan: [
        {
          strengthsInventory:
            'Structured problem-solver with excellent client communication. Comfortable with data and ambiguity. Led a churn-reduction project that was, in effect, product work.',
          gapsAndThreats:
            'No formal product title; recruiters filter on it. Consulting hours leave little time for study. Risk of accepting a junior title and pay cut without a plan to recover.',
          directionAndOpportunities:
            "Product Manager in a Bengaluru or remote-first SaaS company within a year. An internal move to the firm's digital products unit is the bridge option.",
          marketAnalysis:
            'Strong demand for PMs with B2B and analytics strength in Indian SaaS. Consultants are hired, but usually after a portfolio case study and a referral.',
          compensationPlan:
            'Current CTC ₹32 lakh. Expect ₹28–35 lakh for a first PM role; accept a small dip only with a clear review point at twelve months.',
          strategyAndTimetable:
            'Months 1–3: course and portfolio case study. Months 4–6: internal conversations and referrals. Months 7–12: interview loops with five target companies.',
          brandingAndNetworking:
            'Rewrite the LinkedIn profile around product outcomes. Attend two product meetups a quarter. Ask three former clients for recommendations.',
        },
        {
          strategyAndTimetable:
            'Course half done; the case study draft is close. The internal transfer is slower than hoped, so external referrals start now alongside it. Interview loops from next quarter.',
        },
        {
          brandingAndNetworking:
            'LinkedIn rewritten; two recruiter messages already. Spoke at a product meetup about churn analysis. Recommendations from two former clients received.',
          compensationPlan:
            'First conversations suggest ₹30–34 lakh for PM roles. Will not go below ₹30 lakh; negotiate a review at six months rather than twelve.',
        },
      ],
    },
  },
  {
    name: 'Lukas Becker',
    email: 'lukas.becker@example.com',
    timeZone: 'Europe/Berlin',
    status: 'ACTIVE',
    coach: 'coach',
    currentRole: 'Head of Sales, DACH',
    targetRole: 'Regional Vice President, Sales',
    tags: ['sales', 'sponsored', 'dach'],
    engagement: {
      title: 'Sales leadership for a regional role (Harbourline)',
      phase: 'ACT',
      status: 'ACTIVE',
      cadence: monthly(onDay(5), '17:00'),
      sessionMinutes: 60,
      startedMonthsAgo: 6,
      sessionsAllotted: 12,
      sponsored: true,
      themes: [
        'coaching the sales managers instead of closing the deals',
        'forecast accuracy',
        'the case for a Nordics expansion',
        'leading across cultures in a wider region',
      ],
      goals: [
        {
          title: 'Team quota attainment',
          category: 'FINANCIAL',
          horizon: 'ONE_YEAR',
          metric: 'Team quota attainment',
          unit: '%',
          baseline: 92,
          target: 115,
          checkIns: [92, 97, 104],
        },
        {
          title: 'A wider regional remit',
          category: 'CAREER',
          horizon: 'THREE_YEARS',
          metric: 'Countries led',
          unit: 'countries',
          baseline: 3,
          target: 9,
          checkIns: [3, 3, 5],
        },
      ],
      actions: [
        {
          title: 'Stay off late-stage deal calls unless a manager asks',
          status: 'DONE',
          due: -45,
          comments: [
            { by: 'coach', daysAgo: 40, body: 'Two weeks in and both managers closed without you. Worth telling them you noticed.' },
          ],
        },
        { title: 'Weekly forecast review with each sales manager', status: 'OPEN', due: 1, goal: 0 },
        { title: 'Nordics business case for the regional board', status: 'OPEN', due: 21, goal: 1 },
        { title: 'Shadow the Benelux team for a week', status: 'OPEN', due: -1, goal: 1 },
      ],
      plan: [
        {
          strengthsInventory:
            'Top-performing seller turned manager; knows every major account in DACH. High energy, trusted by customers, good at recruiting.',
          gapsAndThreats:
            "Still the team's best closer and steps in too often, so managers do not grow. Forecasts are optimistic. Little exposure outside German-speaking markets.",
          directionAndOpportunities:
            'Regional Vice President for Central and Northern Europe within two years. Harbourline plans to expand in the Nordics next year.',
          marketAnalysis:
            'Logistics software sales leaders with multi-country experience are scarce; most RVP hires come from inside. Forecast reliability is the first thing the board looks at.',
          compensationPlan:
            'Current on-target earnings €210,000 (60/40). RVP on-target earnings €260,000–€300,000 with a larger equity grant.',
          strategyAndTimetable:
            'Quarters 1–2: managers own their deals; forecast accuracy within 10%. Quarter 3: Nordics business case. Quarter 4: interim responsibility for Benelux.',
          brandingAndNetworking:
            'Present the DACH playbook at the sales kick-off. Build relationships with the Benelux and Nordics country managers. Mentor one high-potential account executive.',
        },
        {
          gapsAndThreats:
            'Much better at letting managers close; both beat their quarter without him. Forecast accuracy within 12%. Exposure outside DACH is now the main gap.',
          strategyAndTimetable:
            'Nordics business case brought forward to this quarter. Benelux shadow week agreed. Interim Benelux responsibility discussed for the second half of the year.',
        },
      ],
    },
  },
  {
    name: 'Hannah Moss',
    email: 'hannah.moss@example.com',
    timeZone: 'Europe/London',
    status: 'ACTIVE',
    coach: 'owner',
    currentRole: 'Head of People',
    targetRole: 'Chief People Officer',
    tags: ['hr', 'c-suite', 'quarterly'],
    engagement: {
      title: 'Chief People Officer track',
      phase: 'ACT',
      status: 'ACTIVE',
      cadence: quarterly(onDay(15), '14:00'),
      sessionMinutes: 75,
      startedMonthsAgo: 14,
      sessionsAllotted: 8,
      themes: [
        'a seat at the executive table',
        'people analytics for the board',
        'leading through a restructure',
        'resilience and recovery time',
      ],
      goals: [
        {
          title: 'Take the full annual leave',
          category: 'LIFE',
          horizon: 'ONE_YEAR',
          metric: 'Days of leave taken',
          unit: 'days',
          baseline: 12,
          target: 25,
          checkIns: [12, 16, 21],
        },
        {
          title: 'People data in the boardroom',
          category: 'CAREER',
          horizon: 'THREE_YEARS',
          metric: 'Board papers presented',
          unit: 'papers',
          baseline: 0,
          target: 4,
          checkIns: [0, 1, 2],
        },
      ],
      actions: [
        { title: 'Draft the people-analytics dashboard for the board', status: 'DONE', due: -200, goal: 1 },
        { title: 'Book two weeks of leave for the summer', status: 'OPEN', due: -3, goal: 0 },
        { title: 'Have the CEO review the restructure communications plan', status: 'OPEN', due: 6 },
      ],
      plan: [
        {
          strengthsInventory:
            "Calm in a crisis and trusted by employees at every level. Strong employment-law and change experience. Built the company's first engagement survey.",
          gapsAndThreats:
            'Seen as operational rather than strategic. Reports to the COO, not the CEO. Running on empty after two restructures in three years.',
          directionAndOpportunities:
            'Chief People Officer with a seat on the executive committee, here or at a larger company, within three years.',
          marketAnalysis:
            'CPO roles increasingly ask for people analytics and a commercial mindset. Scale-ups in London hire CPOs at 300–800 employees.',
          compensationPlan:
            'Current base £118,000. CPO roles at comparable companies pay £150,000–£180,000 plus a bonus. Negotiate the reporting line before the salary.',
          strategyAndTimetable:
            'Year 1: the board dashboard and a successful restructure. Year 2: report to the CEO. Year 3: CPO title here, or an external move.',
          brandingAndNetworking:
            'Speak at one HR leadership conference. Join a CPO peer group. Publish the engagement-survey results and the actions taken internally.',
        },
        {
          strategyAndTimetable:
            'Board dashboard adopted; presenting people data quarterly. Restructure communications under way. The reporting-line conversation with the CEO is set for next quarter.',
          gapsAndThreats:
            'Now seen as strategic by the board chair. Energy still the risk: leave planned and protected this time. The COO may resist the change of reporting line.',
        },
      ],
    },
  },
  {
    name: 'Chris Nakamura',
    email: 'chris.nakamura@example.com',
    timeZone: 'Australia/Sydney',
    status: 'ACTIVE',
    coach: 'coach',
    currentRole: 'Principal Engineer',
    targetRole: 'Co-founder and CTO',
    tags: ['founder', 'engineering', 'entrepreneurship'],
    engagement: {
      title: 'Founder readiness',
      phase: 'DISCOVER',
      status: 'ACTIVE',
      cadence: monthly(onWeekday(1, MONDAY), '07:30'),
      sessionMinutes: 60,
      startedMonthsAgo: 4,
      themes: [
        'the kind of company worth building',
        'the financial runway for leaving a salaried job',
        'finding a co-founder',
        'testing the idea with customer interviews',
      ],
      goals: [
        {
          title: 'Personal financial runway',
          category: 'FINANCIAL',
          horizon: 'THREE_YEARS',
          metric: 'Months of expenses saved',
          unit: 'months',
          baseline: 4,
          target: 18,
          checkIns: [4, 5, 6],
        },
        {
          title: 'Customer discovery',
          category: 'NETWORK',
          horizon: 'ONE_YEAR',
          metric: 'Customer interviews held',
          unit: 'interviews',
          baseline: 0,
          target: 10,
          checkIns: [0, 3, 4],
        },
      ],
      actions: [
        { title: 'Set up a monthly savings transfer', status: 'DONE', due: -60, goal: 0 },
        { title: 'List ten potential customers to interview', status: 'DONE', due: -20, goal: 1 },
        { title: 'Three customer interviews before the next session', status: 'OPEN', due: 5, goal: 1 },
        { title: 'Coffee with two founders from the accelerator', status: 'OPEN', due: -2 },
      ],
      plan: [
        {
          strengthsInventory:
            'Exceptional systems engineer; has built two products from zero inside larger companies. Respected hiring manager. Comfortable with risk, financially careful.',
          gapsAndThreats:
            'No sales or fundraising experience. No co-founder yet. A young family and a mortgage make a long period without salary hard.',
          directionAndOpportunities:
            'Co-found a B2B developer-tooling company as CTO within two years, ideally with a commercial co-founder. Advising early-stage startups in the meantime.',
          marketAnalysis:
            'Australian pre-seed funding has tightened; investors want paying pilots first. Developer tooling is crowded but under-served for regulated industries.',
          compensationPlan:
            'Current total compensation AUD 290,000. Plan for a founder salary of AUD 120,000 after a seed round; build 18 months of runway first.',
          strategyAndTimetable:
            'Months 1–4: clarify the idea and the kind of company. Months 5–8: ten customer interviews and a co-founder search. Months 9–12: decide whether to leave.',
          brandingAndNetworking:
            "Write about the tooling problem publicly. Join the local founders' meetup. Advise one early-stage startup to learn the commercial side.",
        },
        {
          strategyAndTimetable:
            'Idea narrowed to compliance tooling for fintech engineering teams. Four customer interviews done. The co-founder search starts next month through the accelerator network.',
        },
      ],
    },
  },
  {
    name: 'Rafael Souza',
    email: 'rafael.souza@example.com',
    timeZone: 'America/New_York',
    status: 'PAUSED',
    coach: 'coach',
    currentRole: 'Director of Marketing',
    targetRole: 'VP of Marketing',
    tags: ['marketing', 'parental-leave'],
    engagement: {
      title: 'Marketing leadership',
      phase: 'PLAN',
      status: 'PAUSED',
      cadence: monthly(onWeekday(2, WEDNESDAY), '08:00'),
      sessionMinutes: 60,
      startedMonthsAgo: 10,
      pausedWeeksAgo: 6,
      themes: ['the brand versus performance budget split', 'managing up to a new CMO', 'planning parental leave and the return'],
      goals: [
        {
          title: 'Grow marketing-sourced pipeline',
          category: 'FINANCIAL',
          horizon: 'ONE_YEAR',
          metric: 'Marketing-sourced pipeline',
          unit: 'USD million',
          baseline: 4.5,
          target: 7,
          checkIns: [4.5, 5.1, 5.6],
        },
      ],
      actions: [
        { title: 'Write the handover plan for parental leave', status: 'DONE', due: -50 },
        { title: 'Return-to-work conversation with the CMO', status: 'OPEN', due: 30, details: 'Parked until the engagement resumes.' },
      ],
    },
  },
  {
    name: 'Grace Whitfield',
    email: 'grace.whitfield@example.com',
    timeZone: 'Europe/London',
    status: 'ALUMNI',
    coach: 'owner',
    currentRole: 'Head of Operations',
    targetRole: 'Chief Operating Officer',
    tags: ['operations', 'alumni', 'promoted'],
    engagement: {
      title: 'Operations manager to head of operations',
      phase: 'ACT',
      status: 'COMPLETED',
      cadence: monthly(onDay(3), '12:30'),
      sessionMinutes: 60,
      startedMonthsAgo: 14,
      endedMonthsAgo: 3,
      sessionsAllotted: 10,
      themes: [
        'owning the operating budget',
        'stepping back from firefighting',
        'the interview for Head of Operations',
        'the first ninety days in the new role',
      ],
      goals: [
        {
          title: 'Promotion to Head of Operations',
          category: 'CAREER',
          horizon: 'ONE_YEAR',
          metric: 'Promotion milestones reached',
          unit: 'of 4',
          baseline: 0,
          target: 4,
          checkIns: [1, 2, 3, 4],
          notes: ['Budget ownership agreed.', 'Deputy in place for daily operations.', 'Interview presentation delivered.', 'Promoted.'],
        },
      ],
      actions: [
        { title: 'Prepare the interview presentation', status: 'DONE', due: -170, goal: 0 },
        { title: 'Write the first-ninety-days plan', status: 'DONE', due: -130 },
      ],
    },
  },
  {
    name: 'Tom Reilly',
    email: 'tom.reilly@example.com',
    timeZone: 'America/Los_Angeles',
    status: 'PROSPECT',
    coach: 'owner',
    currentRole: 'Senior UX Designer',
    targetRole: 'Design Lead',
    tags: ['prospect', 'design', 'referral'],
    createdDaysAgo: 9,
  },
  {
    name: 'Fatima Al-Sayed',
    email: 'fatima.alsayed@example.com',
    timeZone: 'Europe/Berlin',
    status: 'PROSPECT',
    coach: 'coach',
    currentRole: 'Marketing Manager',
    targetRole: 'Head of Brand',
    tags: ['prospect', 'brand', 'chemistry-call'],
    createdDaysAgo: 3,
  },
];

export interface NoteContext {
  first: string;
  theme: string;
}

/** The coach's own notes: candid, never shown to the client. */
export const PRIVATE_NOTES: Array<(c: NoteContext) => string> = [
  (c) =>
    `Worked on ${c.theme}. ${c.first} talks faster whenever money comes up; worth returning to. Agreed two small experiments before next time.`,
  (c) =>
    `${capitalise(c.theme)}: good progress, but every example ${c.first} brought was two years old. Push for recent evidence next session.`,
  (c) => `Mostly ${c.theme}. ${c.first} keeps underplaying their own part in the team's wins. Reflected this back; it landed.`,
  (c) => `Energy low after a long week. Kept it light: reviewed actions and a short exercise on ${c.theme}. Ask about workload next time.`,
  (c) =>
    `Turning point on ${c.theme}: ${c.first} said what they actually want rather than what they think they should want. Capture it in the plan.`,
  (c) =>
    `Role-played the conversation about ${c.theme}. First run defensive, second much crisper. Suggested recording a voice memo before the real one.`,
  (c) =>
    `Reviewed the plan against the last quarter. ${capitalise(c.theme)} is behind; ${c.first} is frustrated but not defeated. Reset the timetable, not the goal.`,
  (c) => `${c.first} arrived with a clear agenda on ${c.theme}. I mostly listened: their best thinking happens out loud.`,
];

/** What the client reads after the session. */
export const SHARED_SUMMARIES: Array<(c: NoteContext) => string> = [
  (c) => `We focused on ${c.theme}. You chose two experiments to try before we next meet; they are in your action items.`,
  (c) =>
    `Today: ${c.theme}. Key takeaway: bring recent, specific examples from the last six months, and put a number on the outcome wherever you can.`,
  (c) =>
    `We looked at ${c.theme} and at how you describe your own contribution. Try the "I did X, which led to Y" framing in your next update to your manager.`,
  (c) => `A lighter session: we reviewed your actions and spent a little time on ${c.theme}. Protect some recovery time this month.`,
  (c) => `You named what you really want from your next move. We will fold it into your career plan, especially around ${c.theme}.`,
  (c) =>
    `We rehearsed the conversation about ${c.theme}. Your second run was clear and confident; record a short voice memo of it before the real thing.`,
  (c) => `Quarter review: we kept the goal and reset the timetable for ${c.theme}. The updated plan is in Tandem.`,
  (c) => `You led the agenda on ${c.theme}. Next steps are in your action items; send me a note if anything changes before we meet.`,
];

export const CHECK_IN_NOTES = [
  'Measured at the session.',
  'Steady progress.',
  'A slower month: travel and deadlines.',
  'Good jump after a focused month.',
  'On track for the target date.',
  'Momentum holding.',
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
