import RoleLayerCore

/// A scenario resolved against an instrument: every parameter as arrays indexed by the
/// instrument's role, blocker and priority indices (never iterated through a dictionary, whose
/// order is not deterministic), with follow relations resolved.
struct SimulationModel: Sendable {
    let scenario: Scenario
    let instrument: Instrument
    let roles: [Role]
    let blockers: [Blocker]
    let priorities: [Priority]
    let waves: [Wave]

    // Per role (instrument order).
    let responseRate: [Double]
    /// Effective stage/confidence/preparedness parameters after follow resolution.
    let stageOffset: [Double]
    let confidenceOffset: [Double]
    let preparednessOffset: [Double]
    let speed: [Double]
    /// Total clock lag L_r in waves (0 for a role that follows nobody).
    let clockLag: [Double]
    /// The role whose trajectory each role copies (itself when it follows nobody).
    let trajectoryRoot: [Int]
    let independence: [Double]
    let directionStance: [Double]
    /// Utility bonus of each priority in the role's own view, [role][priority].
    let priorityFavour: [[Double]]
    /// Own ownership view: options and cumulative weights, per role.
    let ownershipOptions: [[Ownership]]
    let ownershipCumulative: [[Double]]
    /// P(role cites blocker), [role][blocker].
    let blockerPropensity: [[Double]]
    let nomination: [Double]
    let signoff: [Double]

    // Organisation level.
    let sectorCumulative: [Double]
    let sizeCumulative: [Double]
    let regionCumulative: [Double]
    let viewOptions: [Ownership]
    let viewCumulative: [Double]
    /// Distribution of the organisation's shared concern over blockers (∝ base propensity).
    let concernCumulative: [Double]
    let concernProbability: [Double]
    let priorityPopularity: [Double]
    let listLengthCumulative: [Double]
    /// Entrants per wave after the first.
    let entrantsPerWave: Int

    /// Free-text comments used for `comments` (they exercise RFC 4180 quoting).
    static let commentTexts: [String] = [
        "Promising, but the business case is not there yet.",
        "We need \"proof\" before we scale.",
        "Legal review pending; pilots paused in two teams.",
        "Board asked for a roadmap.\nWorking on it.",
        "Too early to tell",
    ]

    /// Resolves and checks a scenario.
    /// - Throws: ``ScenarioError`` listing every problem (unknown codes, probabilities outside
    ///   0...1, empty segment lists, follow cycles, ...).
    init(scenario s: Scenario, instrument: Instrument) throws(ScenarioError) {
        var problems: [String] = []
        func probability(_ v: Double, _ key: String) {
            if !(v >= 0 && v <= 1) { problems.append("\(key): \(v) is not a probability in 0...1") }
        }
        func nonNegative(_ v: Double, _ key: String) {
            if !(v >= 0 && v.isFinite) { problems.append("\(key): \(v) must be finite and ≥ 0") }
        }
        func finite(_ v: Double, _ key: String) {
            if !v.isFinite { problems.append("\(key): \(v) must be finite") }
        }
        self.scenario = s
        self.instrument = instrument
        let roles = instrument.roles.codes.map { Role($0) }
        let blockers = instrument.blockers.codes.map { Blocker($0) }
        let priorities = instrument.priorities.codes.map { Priority($0) }
        self.roles = roles
        self.blockers = blockers
        self.priorities = priorities
        let R = roles.count, B = blockers.count, P = priorities.count

        if s.organisations < 1 { problems.append("organisations: must be at least 1") }
        if s.organisations > 1 << 36 { problems.append("organisations: at most \(1 << 36)") }
        if s.waves < 1 || s.waves > 4000 { problems.append("waves: must lie in 1...4000") }
        self.waves = s.waves >= 1 && s.waves <= 4000 ? s.waves > 0 ? s.waveList : [] : []

        func cumulative(_ segs: [Segment], _ key: String) -> [Double] {
            if segs.isEmpty { problems.append("\(key): must not be empty"); return [1] }
            for (i, g) in segs.enumerated() {
                if !(g.share > 0 && g.share.isFinite) { problems.append("\(key)[\(i)].share: must be > 0") }
                finite(g.maturityOffset, "\(key)[\(i)].maturity_offset")
                if !(g.weight > 0 && g.weight.isFinite) { problems.append("\(key)[\(i)].weight: must be > 0") }
            }
            return Self.cumulative(segs.map(\.share))
        }
        sectorCumulative = cumulative(s.sectors, "sectors")
        sizeCumulative = cumulative(s.sizeBands, "size_bands")
        regionCumulative = cumulative(s.regions, "regions")

        let m = s.maturity
        finite(m.initialMean, "maturity.initial_mean")
        nonNegative(m.initialSD, "maturity.initial_sd")
        finite(m.growthPerWave, "maturity.growth_per_wave")
        nonNegative(m.growthSD, "maturity.growth_sd")
        probability(m.orgStageShare, "maturity.org_stage_share")
        nonNegative(m.orgStageSD, "maturity.org_stage_sd")
        let p = s.panel
        probability(p.attrition, "panel.attrition")
        nonNegative(p.entrants, "panel.entrants")
        probability(p.rolePersistence, "panel.role_persistence")
        probability(p.respondentTurnover, "panel.respondent_turnover")
        probability(p.secondRespondent, "panel.second_respondent")
        let lm = s.model
        for (v, k) in [(lm.roleOrganisationSD, "role_organisation_sd"), (lm.stageSD, "stage_sd"), (lm.confidenceSD, "confidence_sd"),
                       (lm.preparednessSD, "preparedness_sd"), (lm.convictionSD, "conviction_sd"),
                       (lm.priorityViewSD, "priority_view_sd"), (lm.priorityNoiseSD, "priority_noise_sd")] {
            nonNegative(v, "model.\(k)")
        }
        for (v, k) in [(lm.confidenceCentre, "confidence_centre"), (lm.confidenceLoading, "confidence_loading"),
                       (lm.preparednessCentre, "preparedness_centre"), (lm.preparednessLoading, "preparedness_loading")] {
            finite(v, "model.\(k)")
        }
        let nr = s.itemNonresponse
        for (v, k) in [(nr.confidence, "confidence"), (nr.preparedness, "preparedness"), (nr.blockers, "blockers"),
                       (nr.primaryBlocker, "primary_blocker"), (nr.priorities, "priorities"), (nr.ownership, "ownership"),
                       (nr.direction, "direction"), (nr.influences, "influences"), (nr.signoff, "signoff")] {
            probability(v, "item_nonresponse.\(k)")
        }
        probability(s.organisationConcern, "organisation_concern")
        probability(s.comments, "comments")
        finite(s.direction.mean, "direction.mean")
        nonNegative(s.direction.organisationSD, "direction.organisation_sd")
        nonNegative(s.direction.noiseSD, "direction.noise_sd")
        nonNegative(s.weights.sd, "weights.sd")

        // Blocker base propensities.
        var base = [Double](repeating: 0, count: B)
        for code in s.blockerBase.keys.sorted() {
            let v = s.blockerBase[code]!
            if let b = instrument.index(of: Blocker(code)) { base[b] = v } else { problems.append("blocker_base: unknown blocker '\(code)'") }
            probability(v, "blocker_base.\(code)")
        }
        var concernWeights = base
        if let other = instrument.index(of: Blocker.other) { concernWeights[other] = 0 }
        if concernWeights.reduce(0, +) <= 0 { concernWeights = [Double](repeating: 1, count: B) }
        let concernTotal = concernWeights.reduce(0, +)
        concernProbability = concernWeights.map { $0 / concernTotal }
        concernCumulative = Self.cumulative(concernWeights)

        var pop = [Double](repeating: 0, count: P)
        for code in s.priorityPopularity.keys.sorted() {
            if let i = instrument.index(of: Priority(code)) { pop[i] = s.priorityPopularity[code]! } else {
                problems.append("priority_popularity: unknown priority '\(code)'")
            }
        }
        priorityPopularity = pop
        if s.priorityListLengths.isEmpty || s.priorityListLengths.count > instrument.maximumPriorities
            || s.priorityListLengths.contains(where: { !($0 >= 0 && $0.isFinite) }) || s.priorityListLengths.reduce(0, +) <= 0 {
            problems.append("priority_list_lengths: needs 1...\(instrument.maximumPriorities) non-negative weights with a positive sum")
            listLengthCumulative = [1]
        } else {
            listLengthCumulative = Self.cumulative(s.priorityListLengths)
        }

        func ownershipOption(_ code: String, role: Int?, key: String) -> Ownership? {
            switch code {
            case "shared": return .shared
            case "unclear": return .unclear
            case "self":
                if let role { return .role(roles[role]) }
                problems.append("\(key): 'self' is only allowed in a role's ownership view")
                return nil
            default:
                if instrument.index(of: Role(code)) != nil { return .role(Role(code)) }
                problems.append("\(key): unknown ownership answer '\(code)'")
                return nil
            }
        }
        func distribution(_ map: [String: Double], role: Int?, key: String) -> ([Ownership], [Double]) {
            var opts: [Ownership] = []
            var weights: [Double] = []
            for code in map.keys.sorted() {
                let w = map[code]!
                if !(w >= 0 && w.isFinite) { problems.append("\(key).\(code): weight must be ≥ 0") }
                if let o = ownershipOption(code, role: role, key: key) {
                    opts.append(o)
                    weights.append(max(w, 0))
                }
            }
            if weights.reduce(0, +) <= 0 {
                problems.append("\(key): needs at least one positive weight")
                return ([.unclear], [1])
            }
            return (opts, Self.cumulative(weights))
        }
        (viewOptions, viewCumulative) = distribution(s.ownershipView, role: nil, key: "ownership_view")

        for code in s.roles.keys.sorted() where instrument.index(of: Role(code)) == nil {
            problems.append("roles: unknown role '\(code)' (not in the instrument)")
        }
        let params = roles.map { s.parameters(of: $0) }
        var rate = [Double](), favour = [[Double]](), ownOpts = [[Ownership]](), ownCum = [[Double]]()
        var prop = [[Double]]()
        for (r, q) in params.enumerated() {
            let key = "roles.\(roles[r].rawValue)"
            probability(q.responseRate, "\(key).response_rate")
            probability(q.independence, "\(key).independence")
            probability(q.nomination, "\(key).nomination")
            probability(q.signoff, "\(key).signoff")
            finite(q.stageOffset, "\(key).stage_offset")
            finite(q.confidenceOffset, "\(key).confidence_offset")
            finite(q.preparednessOffset, "\(key).preparedness_offset")
            finite(q.speed, "\(key).speed")
            finite(q.directionStance, "\(key).direction_stance")
            rate.append(q.responseRate)
            var f = [Double](repeating: 0, count: P)
            var seen = Set<String>()
            for (k, code) in q.priorities.enumerated() {
                guard seen.insert(code).inserted else { problems.append("\(key).priorities: '\(code)' repeated"); continue }
                if let i = instrument.index(of: Priority(code)) { f[i] = max(0, 2 - 0.5 * Double(k)) } else {
                    problems.append("\(key).priorities: unknown priority '\(code)'")
                }
            }
            favour.append(f)
            let (o, c) = distribution(q.ownership, role: r, key: "\(key).ownership")
            ownOpts.append(o)
            ownCum.append(c)
            var row = base
            for code in q.blockers.keys.sorted() {
                let v = q.blockers[code]!
                probability(v, "\(key).blockers.\(code)")
                if let b = instrument.index(of: Blocker(code)) { row[b] = v } else { problems.append("\(key).blockers: unknown blocker '\(code)'") }
            }
            prop.append(row)
        }
        responseRate = rate
        priorityFavour = favour
        ownershipOptions = ownOpts
        ownershipCumulative = ownCum
        blockerPropensity = prop
        nomination = params.map(\.nomination)
        signoff = params.map(\.signoff)
        independence = params.map(\.independence)
        directionStance = params.map(\.directionStance)

        // Follow relations: a follower takes its root's trajectory parameters and adds lags.
        var root = Array(0..<R)
        var lag = [Double](repeating: 0, count: R)
        for r in 0..<R {
            var current = r
            var total = 0.0
            var steps = 0
            while let f = params[current].follows {
                guard let leader = instrument.index(of: Role(f.role)) else {
                    problems.append("roles.\(roles[current].rawValue).follows: unknown role '\(f.role)'")
                    break
                }
                if !(f.lagWaves >= 0 && f.lagWaves.isFinite) {
                    problems.append("roles.\(roles[current].rawValue).follows.lag_waves: must be finite and ≥ 0")
                }
                total += f.lagWaves
                current = leader
                steps += 1
                if steps > R {
                    problems.append("roles.\(roles[r].rawValue).follows: the follow relations form a cycle")
                    break
                }
            }
            root[r] = current
            lag[r] = total
        }
        trajectoryRoot = root
        clockLag = lag
        stageOffset = root.map { params[$0].stageOffset }
        confidenceOffset = root.map { params[$0].confidenceOffset }
        preparednessOffset = root.map { params[$0].preparednessOffset }
        speed = root.map { params[$0].speed }
        entrantsPerWave = max(0, Int((p.entrants * Double(max(s.organisations, 0))).rounded()))
        if !problems.isEmpty { throw ScenarioError(problems: problems) }
    }

    /// Running sums of non-negative weights, normalised so the last is exactly 1.
    static func cumulative(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        var acc = 0.0
        var out = weights.map { w -> Double in
            acc += w
            return acc / total
        }
        if !out.isEmpty { out[out.count - 1] = 1 }
        return out
    }

    /// The index drawn from a cumulative distribution with a uniform `u` in [0, 1).
    @inline(__always)
    static func draw(_ cumulative: [Double], _ u: Double) -> Int {
        for (i, c) in cumulative.enumerated() where u < c { return i }
        return cumulative.count - 1
    }

    // MARK: - Organisation indices

    /// Organisations that exist by the last wave (initial ones plus all entrants).
    var totalOrganisations: Int { scenario.organisations + entrantsPerWave * max(0, waves.count - 1) }

    /// The wave index at which organisation `index` enters (0 for the initial organisations).
    func entryWave(of index: Int) -> Int {
        index < scenario.organisations ? 0 : 1 + (index - scenario.organisations) / max(entrantsPerWave, 1)
    }

    /// Organisations that exist by wave index `w` (entered at or before w).
    func organisationCount(byWave w: Int) -> Int { scenario.organisations + entrantsPerWave * w }
}
