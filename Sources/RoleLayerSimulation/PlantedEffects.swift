#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RoleLayerCore

/// The truth planted by a scenario, for the tests that check each construct recovers it.
///
/// Computed from the scenario's parameters, not from a generated panel, and on purpose with
/// code independent of the constructs (closed forms of the latent model, a small PageRank on
/// the expected nomination graph, a Monte Carlo over synthetic organisations for alignment), so
/// a recovery test compares two implementations. Arrays are indexed by the instrument's role
/// (and blocker) order, as in ``roles``.
public struct PlantedEffects: Sendable, Hashable, Codable {
    /// A planted lead-lag relation: `follower`'s adoption trajectory is `leader`'s, `waves` later.
    public struct Lag: Sendable, Hashable, Codable {
        public var leader: Role
        public var follower: Role
        /// The lag in waves (≥ 0).
        public var waves: Double
    }

    /// A role pair with its expected alignment.
    public struct RolePair: Sendable, Hashable, Codable {
        public var a: Role
        public var b: Role
        /// Expected alignment A_ab, 0...1 (1 = the same answers on every dimension).
        public var alignment: Double
    }

    /// A planted blocker concentration: the role's own propensity raised above the base.
    public struct Concentration: Sendable, Hashable, Codable {
        public var role: Role
        public var blocker: Blocker
        /// Expected share of the role's respondents (who answered) citing the blocker, 0...1.
        public var share: Double
        /// Expected share over all respondents (roles weighted by response rate), 0...1.
        public var overallShare: Double
        /// share / overallShare.
        public var lift: Double
    }

    /// The instrument's roles, the index order of every per-role array.
    public var roles: [Role]
    /// The instrument's blockers, the index order of ``blockerShare``'s rows.
    public var blockers: [Blocker]
    /// The scenario's waves.
    public var waves: [Wave]
    /// Expected RSI of each role in each wave, [role][wave], 0...100 (unweighted, for the initial
    /// cohort of organisations; item non-response included through the renormalised weights).
    public var expectedRSI: [[Double]]
    /// Roles from the most to the least advanced by mean expected RSI over the waves.
    public var roleOrder: [Role]
    /// The scenario's follow relations (each follower against its direct leader).
    public var lags: [Lag]
    /// Expected sign-off power of each role: share of other roles' respondents listing it, 0...1.
    public var signoffPower: [Double]
    /// Expected Role Influence Index (PageRank of the expected nomination graph × roles; mean 1).
    public var expectedRII: [Double]
    /// Roles whose expected sign-off power reaches the instrument's gatekeeper threshold.
    public var gatekeepers: [Role]
    /// Non-gatekeeper roles whose expected RII reaches the instrument's validator threshold.
    public var validators: [Role]
    /// Expected share of each role's answering respondents citing each blocker, [role][blocker].
    public var blockerShare: [[Double]]
    /// The planted concentrations, highest lift first.
    public var concentrations: [Concentration]
    /// Expected alignment A_ab in the first wave, [role][role] (diagonal 1), from a Monte Carlo
    /// over 2,000 synthetic organisations with every role answering every item.
    public var expectedAlignment: [[Double]]
    /// The role pairs with the lowest expected alignment (the instrument's fault-line count), lowest first.
    public var faultLines: [RolePair]
    /// Expected share of organisation-waves with k roles answering, k = 0...roles (stationary).
    public var rolesAnsweringDistribution: [Double]
    /// Expected share of organisation-waves with 4 to 10 roles answering.
    public var shareWithFourToTenRoles: Double

    init(model m: SimulationModel) {
        let R = m.roles.count, B = m.blockers.count
        roles = m.roles
        blockers = m.blockers
        waves = m.waves
        let settings = m.instrument.settings
        let calc = TrajectoryCalculator(model: m)
        expectedRSI = (0..<R).map { r in (0..<m.waves.count).map { calc.rsi(role: r, time: Double($0)) } }
        let means = expectedRSI.map { $0.reduce(0, +) / Double(max($0.count, 1)) }
        roleOrder = (0..<R).sorted { means[$0] != means[$1] ? means[$0] > means[$1] : $0 < $1 }.map { m.roles[$0] }
        let params = m.roles.map { m.scenario.parameters(of: $0) }
        lags = (0..<R).compactMap { r in
            guard let f = params[r].follows else { return nil }
            return Lag(leader: Role(f.role), follower: m.roles[r], waves: f.lagWaves)
        }

        // Influence: sign-off power and expected RII.
        signoffPower = m.signoff
        gatekeepers = (0..<R).filter { m.signoff[$0] >= settings.gatekeeperThreshold }.map { m.roles[$0] }
        let rii = Self.expectedRII(nomination: m.nomination, damping: settings.pageRankDamping)
        expectedRII = rii
        validators = (0..<R).filter { rii[$0] >= settings.validatorThreshold && m.signoff[$0] < settings.gatekeeperThreshold }.map { m.roles[$0] }

        // Blockers: 1 - (1 - p_rb)(1 - π_b (1 - ι_r) c).
        var share = [[Double]](repeating: [Double](repeating: 0, count: B), count: R)
        for r in 0..<R {
            for b in 0..<B {
                let concern = m.concernProbability[b] * (1 - m.independence[r]) * m.scenario.organisationConcern
                share[r][b] = 1 - (1 - m.blockerPropensity[r][b]) * (1 - concern)
            }
        }
        blockerShare = share
        let totalRate = m.responseRate.reduce(0, +)
        var conc: [Concentration] = []
        for r in 0..<R {
            let own = params[r].blockers
            for b in 0..<B where (own[m.blockers[b].rawValue] ?? 0) > (m.scenario.blockerBase[m.blockers[b].rawValue] ?? 0) {
                var overall = 0.0
                for q in 0..<R { overall += m.responseRate[q] * share[q][b] }
                overall = totalRate > 0 ? overall / totalRate : 0
                conc.append(Concentration(role: m.roles[r], blocker: m.blockers[b], share: share[r][b], overallShare: overall,
                                          lift: overall > 0 ? share[r][b] / overall : 0))
            }
        }
        concentrations = conc.sorted { $0.lift != $1.lift ? $0.lift > $1.lift : ($0.role.rawValue, $0.blocker.rawValue) < ($1.role.rawValue, $1.blocker.rawValue) }

        // Alignment by Monte Carlo.
        let alignment = Self.expectedAlignment(model: m, organisations: 2000)
        expectedAlignment = alignment
        var pairs: [RolePair] = []
        for a in 0..<R { for b in (a + 1)..<R where b < R { pairs.append(RolePair(a: m.roles[a], b: m.roles[b], alignment: alignment[a][b])) } }
        pairs.sort { $0.alignment != $1.alignment ? $0.alignment < $1.alignment : ($0.a.rawValue, $0.b.rawValue) < ($1.a.rawValue, $1.b.rawValue) }
        faultLines = Array(pairs.prefix(settings.faultLineCount))

        // Roles answering per organisation-wave: Poisson binomial of the response rates.
        var dist = [1.0]
        for p in m.responseRate {
            var next = [Double](repeating: 0, count: dist.count + 1)
            for (k, v) in dist.enumerated() {
                next[k] += v * (1 - p)
                next[k + 1] += v * p
            }
            dist = next
        }
        rolesAnsweringDistribution = dist
        shareWithFourToTenRoles = dist.enumerated().filter { (4...10).contains($0.offset) }.map(\.element).reduce(0, +)
    }

    // MARK: - Influence

    /// Expected edge weight a → b: E[1{b named} / |named|] over a respondent of a who names each
    /// other role c independently with probability q_c (a Poisson-binomial expectation), then
    /// PageRank (Page, Brin, Motwani & Winograd 1999; uniform teleport, dangling rows spread
    /// uniformly) by power iteration, multiplied by the number of roles.
    static func expectedRII(nomination q: [Double], damping d: Double) -> [Double] {
        let n = q.count
        guard n > 0 else { return [] }
        var weight = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for a in 0..<n {
            for b in 0..<n where b != a {
                // Distribution of the number K of others (not a, not b) named.
                var dist = [1.0]
                for c in 0..<n where c != a && c != b {
                    var next = [Double](repeating: 0, count: dist.count + 1)
                    for (k, v) in dist.enumerated() {
                        next[k] += v * (1 - q[c])
                        next[k + 1] += v * q[c]
                    }
                    dist = next
                }
                var e = 0.0
                for (k, v) in dist.enumerated() { e += v / Double(k + 1) }
                weight[a][b] = q[b] * e
            }
        }
        var score = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<1000 {
            var next = [Double](repeating: (1 - d) / Double(n), count: n)
            for a in 0..<n {
                let out = weight[a].reduce(0, +)
                if out > 0 {
                    for b in 0..<n { next[b] += d * score[a] * weight[a][b] / out }
                } else {
                    for b in 0..<n { next[b] += d * score[a] / Double(n) }
                }
            }
            let change = zip(next, score).map { abs($0 - $1) }.reduce(0, +)
            score = next
            if change < 1e-13 { break }
        }
        return score.map { $0 * Double(n) }
    }

    // MARK: - Alignment

    /// Mean pair alignment (constructs.md §4, equal weights over priorities, ownership,
    /// direction, conviction and risk) over `organisations` synthetic organisations in the
    /// first wave, every role answering every item. Seeded with a fixed seed, so the truth
    /// depends on the scenario's parameters only.
    static func expectedAlignment(model m: SimulationModel, organisations: Int) -> [[Double]] {
        let R = m.roles.count
        let sim = PanelSimulator(resolved: m)
        var sum = [[Double]](repeating: [Double](repeating: 0, count: R), count: R)
        let k = m.instrument.maximumPriorities
        let seed: UInt64 = 0x504C_414E_5445_44  // "PLANTED"
        var answers: [Response] = []
        for o in 0..<organisations {
            let org = OrganisationDraw(index: o, entryWave: 0, model: m, seed: seed)
            var rng = RandomGenerator(seed: seed, stream: UInt64(o) << 12 | 2)
            answers.removeAll(keepingCapacity: true)
            for r in 0..<R { answers.append(sim.response(org: org, role: r, wave: 0, rng: &rng, answerAll: true)) }
            for a in 0..<R {
                for b in (a + 1)..<R where b < R {
                    let d = distance(answers[a], answers[b], k: k)
                    sum[a][b] += 1 - d
                }
            }
        }
        var out = [[Double]](repeating: [Double](repeating: 1, count: R), count: R)
        for a in 0..<R {
            for b in (a + 1)..<R where b < R {
                out[a][b] = sum[a][b] / Double(organisations)
                out[b][a] = out[a][b]
            }
        }
        return out
    }

    /// Pair distance D_ij: the mean of the per-dimension distances both answered.
    static func distance(_ x: Response, _ y: Response, k: Int) -> Double {
        var total = 0.0, count = 0.0
        if let p = x.priorities, let q = y.priorities, !(p.isEmpty && q.isEmpty) {
            let l = Double(k + 1)
            func pos(_ list: [Priority], _ item: Priority) -> Double {
                list.firstIndex(of: item).map { Double($0 + 1) } ?? l
            }
            var f = 0.0
            for item in Set(p).union(q) { f += abs(pos(p, item) - pos(q, item)) }
            var maxF = 0.0
            for i in 0..<p.count { maxF += l - Double(i + 1) }
            for i in 0..<q.count { maxF += l - Double(i + 1) }
            total += maxF > 0 ? f / maxF : 0
            count += 1
        }
        if let a = x.ownership, let b = y.ownership { total += a == b ? 0 : 1; count += 1 }
        if let a = x.direction, let b = y.direction { total += Double(abs(a.value - b.value)) / 4; count += 1 }
        if let a = x.confidence, let b = y.confidence { total += Double(abs(a - b)) / 6; count += 1 }
        if let a = x.blockers, let b = y.blockers {
            let sa = Set(a), sb = Set(b)
            let union = sa.union(sb).count
            total += union == 0 ? 0 : 1 - Double(sa.intersection(sb).count) / Double(union)
            count += 1
        }
        return count > 0 ? total / count : 0
    }
}

extension PanelSimulator {
    init(resolved model: SimulationModel) {
        self.scenario = model.scenario
        self.instrument = model.instrument
        self.model = model
    }

    /// The planted lag of `follower` behind `leader` computed from the expected RSI trajectories
    /// as constructs.md §5 defines it, in continuous time: for each wave w of the follower, the
    /// time t at which the leader's expected trajectory reaches the follower's expected RSI in
    /// w, tau_w = w - t; the lag is the median of tau_w. `nil` when a role is unknown or the
    /// leader's trajectory does not rise. For a follow relation of the scenario this equals the
    /// relation's lag (the trajectories are copies).
    public func expectedLag(of follower: Role, behind leader: Role) -> Double? {
        let m = model
        guard let a = m.instrument.index(of: leader), let b = m.instrument.index(of: follower) else { return nil }
        let calc = TrajectoryCalculator(model: m)
        var taus: [Double] = []
        for w in 0..<m.waves.count {
            let target = calc.rsi(role: b, time: Double(w))
            var lo = Double(w) - 200, hi = Double(w) + 200
            guard calc.rsi(role: a, time: lo) < target, calc.rsi(role: a, time: hi) > target else { return nil }
            for _ in 0..<100 {
                let mid = (lo + hi) / 2
                if calc.rsi(role: a, time: mid) < target { lo = mid } else { hi = mid }
            }
            taus.append(Double(w) - (lo + hi) / 2)
        }
        taus.sort()
        guard !taus.isEmpty else { return nil }
        let n = taus.count
        return n % 2 == 1 ? taus[n / 2] : (taus[n / 2 - 1] + taus[n / 2]) / 2
    }
}

// MARK: - Expected trajectories

/// Closed forms of the expected respondent position under the latent model: each observed
/// score is a rounded, clamped normal, E[clamp(round(Z), lo, hi)] = lo + Σ_{k=lo+1}^{hi}
/// Φ((μ - (k - 0.5)) / σ), averaged over the mixture of segment maturity offsets.
struct TrajectoryCalculator {
    let model: SimulationModel
    /// (probability, maturity offset) of every sector × size band × region combination.
    let components: [(Double, Double)]

    init(model m: SimulationModel) {
        model = m
        let s = m.scenario
        func probs(_ segs: [Segment]) -> [Double] {
            let t = segs.map(\.share).reduce(0, +)
            return segs.map { $0.share / t }
        }
        var comps: [(Double, Double)] = []
        let ps = probs(s.sectors), pz = probs(s.sizeBands), pr = probs(s.regions)
        for (i, a) in s.sectors.enumerated() {
            for (j, b) in s.sizeBands.enumerated() {
                for (k, c) in s.regions.enumerated() {
                    comps.append((ps[i] * pz[j] * pr[k], a.maturityOffset + b.maturityOffset + c.maturityOffset))
                }
            }
        }
        components = comps
    }

    /// Φ, the standard normal distribution function.
    static func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    static func expectedRounded(mean: Double, sd: Double, lo: Int, hi: Int) -> Double {
        if sd <= 0 { return Double(PanelSimulator.clampRound(mean, lo, hi)) }
        var e = Double(lo)
        for k in (lo + 1)...hi { e += phi((mean - (Double(k) - 0.5)) / sd) }
        return e
    }

    /// Expected RSI (0...100) of role r at (possibly fractional) wave index `time`.
    func rsi(role r: Int, time: Double) -> Double {
        let m = model
        let s = m.scenario
        let lm = s.model
        let set = m.instrument.settings
        let tau = time - m.clockLag[r]
        let kappa = m.speed[r]
        let varEta = s.maturity.initialSD * s.maturity.initialSD + kappa * kappa * tau * tau * s.maturity.growthSD * s.maturity.growthSD
            + lm.roleOrganisationSD * lm.roleOrganisationSD
        var es = 0.0, ec = 0.0, ep = 0.0
        for (prob, offset) in components {
            let mu = s.maturity.initialMean + offset + kappa * s.maturity.growthPerWave * tau + m.stageOffset[r]
            es += prob * Self.expectedRounded(mean: mu, sd: (varEta + lm.stageSD * lm.stageSD).squareRoot(), lo: 0, hi: 6)
            let cMean = lm.confidenceCentre + lm.confidenceLoading * (mu - 3) + m.confidenceOffset[r]
            let cVar = lm.confidenceLoading * lm.confidenceLoading * varEta + lm.convictionSD * lm.convictionSD + lm.confidenceSD * lm.confidenceSD
            ec += prob * Self.expectedRounded(mean: cMean, sd: cVar.squareRoot(), lo: 1, hi: 7)
            let pMean = lm.preparednessCentre + lm.preparednessLoading * (mu - 3) + m.preparednessOffset[r]
            let pVar = lm.preparednessLoading * lm.preparednessLoading * varEta + lm.preparednessSD * lm.preparednessSD
            ep += prob * Self.expectedRounded(mean: pMean, sd: pVar.squareRoot(), lo: 1, hi: 7)
        }
        let zs = es / 6, zc = (ec - 1) / 6, zp = (ep - 1) / 6
        let qc = s.itemNonresponse.confidence, qp = s.itemNonresponse.preparedness
        let ws = set.stageWeight, wc = set.confidenceWeight, wp = set.preparednessWeight
        var x = 0.0
        for (c, pc) in [(true, 1 - qc), (false, qc)] {
            for (p, pp) in [(true, 1 - qp), (false, qp)] {
                let num = ws * zs + (c ? wc * zc : 0) + (p ? wp * zp : 0)
                let den = ws + (c ? wc : 0) + (p ? wp : 0)
                x += pc * pp * 100 * num / den
            }
        }
        return x
    }
}
