"""The kinds of benefit: a closed list, so that the same benefit can be compared across places.

Every benefit in a rule file has exactly one ``kind`` from this list (the schema rejects any
other word). The comparison pages (one per kind) and the benefits index are built from it.
The order here is the order on the site. A kind says what a benefit is *for*, not who receives
it (``recipients``) or in what form (``form``).
"""

from __future__ import annotations

KINDS: dict[str, dict] = {
    "certificate_allowance": {
        "label": {"zh": "技能等级与岗位补贴", "en": "Certificate and post allowances"},
        "help": {"zh": "个人因持有某一技能等级（证书）、在岗或被认定为某类高技能人才而领取的补贴、津贴。",
                 "en": "Subsidies and allowances paid to a person for holding a skill level (certificate), for working in a post, or for being recognised as high-skilled talent of a given tier."},
    },
    "chief_technician": {
        "label": {"zh": "首席技师", "en": "Chief technicians"},
        "help": {"zh": "首席技师的津贴、奖励和推荐。", "en": "Allowances, awards and recommendations for chief technicians."},
    },
    "master_studio": {
        "label": {"zh": "技能大师工作室", "en": "Skills master studios"},
        "help": {"zh": "技能大师（名师）工作室的建设、运行和奖励经费，以及领衔大师的津贴。",
                 "en": "Funding for setting up, running and rewarding skills master studios, and allowances for the master who leads one."},
    },
    "apprenticeship": {
        "label": {"zh": "学徒制培训", "en": "Apprenticeships"},
        "help": {"zh": "企业新型学徒制、现代学徒制的培训补贴。", "en": "Training subsidies for new-type enterprise apprenticeships and modern apprenticeships."},
    },
    "competition": {
        "label": {"zh": "技能竞赛", "en": "Skills competitions"},
        "help": {"zh": "职业技能竞赛的获奖奖励、办赛经费、参赛与集训基地经费，以及竞赛成绩带来的晋升或入选。",
                 "en": "Rewards for prize winners of skills competitions, funding for hosting, entering or training for them, and the promotion or selection a result brings."},
    },
    "recruitment": {
        "label": {"zh": "技能人才引进", "en": "Recruiting skilled talent"},
        "help": {"zh": "引进高技能人才的补贴、奖励和待遇，发给被引进者、引进单位或中介机构。",
                 "en": "Subsidies, rewards and entitlements for bringing in high-skilled talent, paid to the person recruited, to the recruiting employer or to an agency."},
    },
    "employment_startup": {
        "label": {"zh": "就业与创业", "en": "Employment and start-up"},
        "help": {"zh": "就业补贴、交通补贴和创业补贴。", "en": "Employment subsidies, transport subsidies and start-up subsidies."},
    },
    "training_subsidy": {
        "label": {"zh": "职业培训补贴", "en": "Training subsidies"},
        "help": {"zh": "个人或企业参加、组织职业技能培训（含研修、境外培训）所得的补贴。",
                 "en": "Subsidies to a person or an enterprise for taking or organising vocational skills training (including advanced study and training abroad)."},
    },
    "training_institution_reward": {
        "label": {"zh": "培训机构奖补", "en": "Rewards for training institutions"},
        "help": {"zh": "按培训人数、质量或项目给培训机构（及承担培训的院校）的补贴和奖励。",
                 "en": "Subsidies and rewards to training institutions (and colleges that train) by the number trained, the quality or the project."},
    },
    "training_base": {
        "label": {"zh": "公共实训基地与培训基地", "en": "Public training bases and training bases"},
        "help": {"zh": "公共实训基地、高技能人才培训基地、培训示范基地的建设、运营和设备补助。",
                 "en": "Funding for building, running and equipping public training bases, high-skill training bases and training demonstration bases."},
    },
    "school_enterprise": {
        "label": {"zh": "校企合作", "en": "School–enterprise cooperation"},
        "help": {"zh": "订单班、冠名班、定向培养、实习见习和毕业生留用等校企合作补贴。",
                 "en": "Subsidies for school–enterprise cooperation: order and named classes, directed training, internships and placements, and graduates who stay."},
    },
    "school_subsidy": {
        "label": {"zh": "院校办学支持", "en": "Support for colleges and schools"},
        "help": {"zh": "职业院校、技工院校的配套资助、办学补助，以及收入分配、用地、收费等办学政策。",
                 "en": "Matching funds and grants for vocational colleges and technical schools, and rules on their income, pay, land and fees."},
    },
    "students_teachers": {
        "label": {"zh": "师生补助与交流", "en": "Students and teachers"},
        "help": {"zh": "职业院校学生、教师的补助，境外学习、培训和交流的费用。",
                 "en": "Grants to vocational students and teachers, and the costs of study, training and exchanges abroad."},
    },
    "skill_evaluation": {
        "label": {"zh": "技能评价", "en": "Skills evaluation"},
        "help": {"zh": "技能鉴定补贴、企业自主评价补贴、题库开发奖励，以及直接认定、破格晋升等评价渠道。",
                 "en": "Appraisal subsidies, subsidies for enterprises' own skills evaluation, awards for question banks, and routes such as direct recognition and exceptional promotion."},
    },
    "honour_award": {
        "label": {"zh": "荣誉与奖励", "en": "Honours and awards"},
        "help": {"zh": "获得技能荣誉称号或作出突出贡献的奖励，以及优先推荐。",
                 "en": "Awards for holding a skills honour or for an outstanding contribution, and priority in nominations."},
    },
    "career_parity": {
        "label": {"zh": "职业发展与同等待遇", "en": "Careers and equal treatment"},
        "help": {"zh": "职称评审、招聘、待遇等方面与专业技术人才或高校毕业生同等对待，以及人才服务。",
                 "en": "Treatment equal to professional and technical staff or university graduates in titles, recruitment and pay, and talent services."},
    },
    "housing_hukou_education": {
        "label": {"zh": "住房、落户与子女教育", "en": "Housing, household registration and children's education"},
        "help": {"zh": "购房补贴、人才公寓、落户，以及配偶子女的就业、教育和住房服务。",
                 "en": "Home-purchase subsidies, talent apartments, household registration, and employment, education and housing services for spouses and children."},
    },
    "tax_finance": {
        "label": {"zh": "税费与金融", "en": "Tax and finance"},
        "help": {"zh": "税前扣除、教育费附加抵免、职工教育经费列支和信贷支持。",
                 "en": "Pre-tax deductions, education-surcharge credits, charging costs to staff education funds, and credit."},
    },
}
