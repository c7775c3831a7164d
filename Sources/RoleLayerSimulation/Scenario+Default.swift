import RoleLayerCore

extension Scenario {
    /// The built-in scenario (examples/scenarios/default.yaml writes it out in full): 1,000
    /// organisations, four quarterly waves from 2026-Q1, and the story of the founding essay.
    ///
    /// - Technical roles ahead (stage offsets cto +1.2, cdao +1.0, cio +0.9, ciso +0.9), ceo, gc
    ///   and cfo behind (-0.3, -0.4, -0.6); cmo follows cto by 2 waves (0.8 stage points behind
    ///   it at the default growth of 0.4 per wave).
    /// - Blockers: roi_uncertainty concentrated in ceo and cmo; integration_complexity and
    ///   security_risk in cto and ciso; capital_evidence in cfo; workforce_readiness in chro;
    ///   regulatory_uncertainty and liability_exposure in gc.
    /// - Sign-off gatekeepers cfo (0.85) and gc (0.7); validators cto and ceo (named under
    ///   influences with probability 0.55 and 0.5, the others 0.1 to 0.2).
    /// - Independence from the organisation's view highest in gc, cmo, cfo and cto, lowest in
    ///   ceo and coo, with opposed direction stances (cto +1.5, gc -1.3), so the widest fault
    ///   lines run between cto and gc, cfo and cmo (``PlantedEffects/faultLines`` computes them).
    public static let `default` = Scenario(
        seed: 20260101,
        organisations: 1000,
        waves: 4,
        firstWave: Wave(year: 2026, period: 1, granularity: .quarter)!,
        order: .wave,
        sectors: [
            Segment(name: "financial_services", share: 0.18, maturityOffset: 0.4),
            Segment(name: "technology", share: 0.14, maturityOffset: 0.7),
            Segment(name: "manufacturing", share: 0.16, maturityOffset: -0.2),
            Segment(name: "healthcare", share: 0.12, maturityOffset: -0.3),
            Segment(name: "retail", share: 0.14, maturityOffset: 0),
            Segment(name: "public_sector", share: 0.10, maturityOffset: -0.5),
            Segment(name: "professional_services", share: 0.16, maturityOffset: 0.2),
        ],
        sizeBands: [
            Segment(name: "sme", share: 0.30, maturityOffset: -0.4, weight: 2.0),
            Segment(name: "mid_market", share: 0.35, maturityOffset: 0, weight: 1.0),
            Segment(name: "large", share: 0.25, maturityOffset: 0.3, weight: 0.6),
            Segment(name: "enterprise", share: 0.10, maturityOffset: 0.5, weight: 0.4),
        ],
        regions: [
            Segment(name: "europe", share: 0.35, maturityOffset: 0),
            Segment(name: "north_america", share: 0.30, maturityOffset: 0.2),
            Segment(name: "asia_pacific", share: 0.20, maturityOffset: 0.1),
            Segment(name: "latin_america", share: 0.08, maturityOffset: -0.2),
            Segment(name: "middle_east_africa", share: 0.07, maturityOffset: -0.1),
        ],
        maturity: Maturity(),
        panel: Panel(),
        model: LatentModel(),
        itemNonresponse: ItemNonresponse(),
        blockerBase: [
            "roi_uncertainty": 0.10, "integration_complexity": 0.08, "security_risk": 0.08,
            "data_readiness": 0.10, "capital_evidence": 0.05, "workforce_readiness": 0.06,
            "regulatory_uncertainty": 0.06, "liability_exposure": 0.04, "skills_gap": 0.10,
            "governance_gaps": 0.08, "vendor_maturity": 0.06, "change_resistance": 0.08,
            "budget_constraints": 0.08, "other": 0.03,
        ],
        organisationConcern: 0.3,
        priorityPopularity: [
            "cost_efficiency": 0.4, "revenue_growth": 0.3, "customer_experience": 0.2, "productivity": 0.5,
            "risk_management": 0, "innovation": 0.2, "decision_quality": 0, "talent": -0.3,
        ],
        priorityListLengths: [0.08, 0.12, 0.80],
        ownershipView: ["shared": 0.35, "ceo": 0.15, "cto": 0.15, "cio": 0.15, "cdao": 0.10, "unclear": 0.10],
        direction: DirectionModel(),
        weights: WeightModel(),
        comments: 0.02,
        roles: [
            "ceo": RoleParameters(
                responseRate: 0.65, stageOffset: -0.3, confidenceOffset: 0.2, preparednessOffset: -0.3,
                independence: 0.25, directionStance: 0.6,
                priorities: ["revenue_growth", "innovation", "cost_efficiency"],
                ownership: ["self": 0.5, "shared": 0.4, "unclear": 0.1],
                blockers: ["roi_uncertainty": 0.55], nomination: 0.5, signoff: 0.35),
            "cfo": RoleParameters(
                responseRate: 0.70, stageOffset: -0.6, confidenceOffset: -0.6, preparednessOffset: -0.3,
                independence: 0.55, directionStance: -0.8,
                priorities: ["cost_efficiency", "risk_management", "productivity"],
                ownership: ["ceo": 0.4, "shared": 0.4, "unclear": 0.2],
                blockers: ["capital_evidence": 0.60, "budget_constraints": 0.30, "roi_uncertainty": 0.25],
                nomination: 0.15, signoff: 0.85),
            "coo": RoleParameters(
                responseRate: 0.60, stageOffset: 0.1, independence: 0.3, directionStance: 0.3,
                priorities: ["productivity", "cost_efficiency", "customer_experience"],
                blockers: ["change_resistance": 0.30, "data_readiness": 0.20],
                nomination: 0.12, signoff: 0.2),
            "cto": RoleParameters(
                responseRate: 0.75, stageOffset: 1.2, confidenceOffset: 1.2, preparednessOffset: 1.0,
                independence: 0.5, directionStance: 1.5,
                priorities: ["innovation", "productivity", "decision_quality"],
                ownership: ["self": 0.6, "shared": 0.3, "unclear": 0.1],
                blockers: ["integration_complexity": 0.55, "security_risk": 0.45],
                nomination: 0.55, signoff: 0.25),
            "cio": RoleParameters(
                responseRate: 0.70, stageOffset: 0.9, confidenceOffset: 0.7, preparednessOffset: 0.8,
                independence: 0.3, directionStance: 0.8,
                priorities: ["productivity", "cost_efficiency", "innovation"],
                ownership: ["self": 0.5, "shared": 0.4, "unclear": 0.1],
                blockers: ["integration_complexity": 0.45, "data_readiness": 0.30],
                nomination: 0.2, signoff: 0.2),
            "cdao": RoleParameters(
                responseRate: 0.60, stageOffset: 1.0, confidenceOffset: 0.9, preparednessOffset: 0.7,
                independence: 0.35, directionStance: 1.0,
                priorities: ["decision_quality", "innovation", "productivity"],
                blockers: ["data_readiness": 0.50, "governance_gaps": 0.25],
                nomination: 0.15, signoff: 0.05),
            "ciso": RoleParameters(
                responseRate: 0.60, stageOffset: 0.9, confidenceOffset: 0.3, preparednessOffset: 0.8,
                independence: 0.45, directionStance: -0.5,
                priorities: ["risk_management", "productivity", "cost_efficiency"],
                blockers: ["security_risk": 0.65, "integration_complexity": 0.35, "governance_gaps": 0.30],
                nomination: 0.12, signoff: 0.3),
            "cmo": RoleParameters(
                responseRate: 0.65, follows: FollowRelation(role: "cto", lagWaves: 2),
                independence: 0.55, directionStance: -0.3,
                priorities: ["revenue_growth", "customer_experience", "innovation"],
                blockers: ["roi_uncertainty": 0.60, "skills_gap": 0.25],
                nomination: 0.1, signoff: 0.05),
            "chro": RoleParameters(
                responseRate: 0.60, stageOffset: -0.2, confidenceOffset: -0.3, preparednessOffset: -0.5,
                independence: 0.5, directionStance: -0.2,
                priorities: ["talent", "productivity", "customer_experience"],
                blockers: ["workforce_readiness": 0.60, "change_resistance": 0.35, "skills_gap": 0.30],
                nomination: 0.1, signoff: 0.15),
            "gc": RoleParameters(
                responseRate: 0.55, stageOffset: -0.4, confidenceOffset: -0.7, preparednessOffset: -0.4,
                independence: 0.6, directionStance: -1.3,
                priorities: ["risk_management", "cost_efficiency", "decision_quality"],
                ownership: ["shared": 0.5, "ceo": 0.3, "unclear": 0.2],
                blockers: ["regulatory_uncertainty": 0.60, "liability_exposure": 0.50, "governance_gaps": 0.30],
                nomination: 0.12, signoff: 0.7),
        ]
    )
}
