/// Role Influence Index (RII, constructs.md §6 and its settled conventions): the nomination
/// graph over roles, PageRank influence, sign-off power, archetypes (gatekeeper, validator,
/// contributor), bottlenecks, and influence-weighted misalignment (the friction index).
///
/// - Nomination graph: each respondent's `influences` carry a total weight of 1, split equally
///   over the roles named (naming nobody adds nothing; a self-nomination, invalid input, is
///   ignored); edge a → b = the (survey-weighted) mean over role a's respondents who answered
///   `influences` of their weight on b. Nodes: roles present in the cell or named under
///   `influences` by someone in it.
/// - RII_b = PageRank_b × N (Page, Brin, Motwani & Winograd 1999; damping from the settings,
///   uniform teleport, a node without outgoing nominations dangling uniformly; ``PageRank``
///   normalises each row), so the mean over nodes is 1.
/// - Sign-off power G_b = (survey-weighted) share of the respondents of the other roles who
///   answered `signoff` and list b; 0...1.
/// - Archetypes: gatekeeper (G_b ≥ `gatekeeperThreshold`), validator (RII ≥ `validatorThreshold`,
///   not a gatekeeper), contributor otherwise; a gatekeeper whose RSI lies below the median of the
///   role RSIs (type-7) is a bottleneck.
/// - Friction: F_ab = √(RII_a·RII_b)·(1 − A_ab); friction index = Σ F_ab / Σ √(RII_a·RII_b) over
///   the pairs of two different roles with a published A_ab and published RIIs, beside the
///   unweighted mean misalignment, mean of (1 − A_ab) over the same pairs.
///
/// Works on individual respondents: without organisations each respondent is its own cluster
/// (only the friction index needs the alignment map, hence organisations).
public enum InfluenceIndex {
    /// Computes the Role Influence Index of one cell.
    ///
    /// - Parameters:
    ///   - table: the study's responses.
    ///   - cell: one wave of `table`, optionally segment-filtered.
    ///   - settings: damping, archetype thresholds, k thresholds, bootstrap B, seed and level.
    ///   - roleRSI: the cohort RSI of each role in this cell (0...100), indexed by role index in
    ///     instrument order (count = number of roles), `nil` where not published. Used only for
    ///     bottlenecks. A list of another length counts as no RSI at all.
    ///   - alignment: the cell's alignment analysis (``AlignmentMap/analyse(table:cell:settings:)``,
    ///     same cell and settings) for the friction index; computed here when `nil`.
    /// - Returns: the result; never throws (missing figures carry reasons).
    /// - Complexity: O(respondents × roles named) to build the per-cluster sums, then per bootstrap
    ///   replicate O(cluster entries + PageRank on N ≤ R nodes).
    public static func compute(table: ResponseTable, cell: Cell, settings: AnalysisSettings,
                               roleRSI: [Double?], alignment: AlignmentAnalysis? = nil) -> InfluenceIndexResult {
        let roles = table.instrument.roles.entries.map { Role($0.code) }
        let r = table.roleCount
        let rule = AnonymityRule(settings: settings)
        let sums = InfluenceSums(table: table, cell: cell)
        let nodes = sums.nodes
        let n = nodes.count
        let signoffRoles = sums.signoffRoles
        let damping = settings.pageRankDamping

        // Point estimates from the full sums.
        let point = sums.evaluate(sums.total, damping: damping)

        // Bootstrap replicates: RII per node, then sign-off power per listed role.
        let boot = ClusterBootstrap(replicates: settings.bootstrapReplicates, seed: settings.seed,
                                    confidenceLevel: settings.confidenceLevel,
                                    maximumUndefinedShare: settings.maximumUndefinedReplicateShare)
        let statisticCount = n + signoffRoles.count
        let replicates: [[Double?]] = statisticCount == 0 ? [] :
            boot.batchedReplicates(
                clusterCount: cell.clusterCount, statisticCount: statisticCount,
                scratch: { (totals: [SIMD8<Double>](repeating: SIMD8(), count: sums.keyCount), stream: [SIMD8<Double>]()) }
            ) { batch, out, scratch in
                sums.replicateTotals(batch, into: &scratch.totals, scratch: &scratch.stream)
                for lane in 0..<batch.count {
                    let v = sums.evaluate(scratch.totals.map { $0[lane] }, damping: damping)
                    for t in 0..<n { out[lane: lane, statistic: t] = v.rii[t] }
                    for t in 0..<signoffRoles.count { out[lane: lane, statistic: n + t] = v.signoff[t] }
                }
            }
        let summaries = replicates.map { boot.summarise($0) }

        // RII and sign-off power per role, with publication.
        var riiOf = [Estimate?](repeating: nil, count: r)
        for (t, b) in nodes.enumerated() {
            let (count, orgs) = sums.otherRoleRespondents(of: b, influences: true)
            if count < rule.minimumRespondents {
                riiOf[b] = .suppressed(n: count, organisations: orgs)
            } else if let v = point.rii[t] {
                riiOf[b] = AlignmentMap.estimate(v, n: count, organisations: orgs, summaries[t])
            } else {
                riiOf[b] = Estimate(missing: "not available: PageRank failed", n: count, organisations: orgs)
            }
        }
        var signoffOf = [Estimate?](repeating: nil, count: r)
        for (t, b) in signoffRoles.enumerated() {
            let (count, orgs) = sums.otherRoleRespondents(of: b, influences: false)
            if count == 0 {
                signoffOf[b] = Estimate(missing: "not available: no respondent of another role answered signoff", n: 0, organisations: 0)
            } else if count < rule.minimumRespondents {
                signoffOf[b] = .suppressed(n: count, organisations: orgs)
            } else if let v = point.signoff[t] {
                signoffOf[b] = AlignmentMap.estimate(v, n: count, organisations: orgs, summaries[n + t])
            } else {
                signoffOf[b] = Estimate(missing: "not available: no weight", n: count, organisations: orgs)
            }
        }

        // Bottleneck reference: median of the published role RSIs.
        let rsi: [Double?] = roleRSI.count == r ? roleRSI : Array(repeating: nil, count: r)
        let publishedRSI = rsi.compactMap { $0 }
        let rsiMedian = try? Quantile.median(publishedRSI)

        var roleResults: [InfluenceRole] = []
        let isNode = Set(nodes)
        for b in 0..<r where isNode.contains(b) || signoffOf[b] != nil {
            let rii = riiOf[b] ?? Estimate(missing: "not available: not a node of the nomination graph (named only under signoff)", n: 0, organisations: 0)
            let g = signoffOf[b]!
            var archetype: InfluenceArchetype?
            var reason: String?
            if let gv = g.value {
                if gv >= settings.gatekeeperThreshold {
                    archetype = .gatekeeper
                } else if let rv = rii.value {
                    archetype = rv >= settings.validatorThreshold ? .validator : .contributor
                } else {
                    reason = "not available: RII not published"
                }
            } else {
                reason = "not available: sign-off power not published"
            }
            var bottleneck: Bool?
            if archetype == .gatekeeper {
                if let own = rsi[b], let med = rsiMedian { bottleneck = own < med }
            } else if archetype != nil {
                bottleneck = false
            }
            roleResults.append(InfluenceRole(
                role: roles[b], isNode: isNode.contains(b), present: sums.present & (1 << UInt64(b)) != 0,
                rii: rii, signoffPower: g, archetype: archetype, archetypeReason: reason,
                bottleneck: bottleneck, rsi: rsi[b]))
        }

        // Edges of source roles that pass the anonymity rule.
        var edges: [InfluenceEdge] = []
        for a in nodes where rule.allows(respondents: sums.influenceRespondents[a], organisations: sums.influenceClusters[a]) {
            let answered = sums.total[sums.answeredInfluencesKey(a)]
            guard answered > 0 else { continue }
            for b in nodes where a != b {
                let w = sums.total[sums.nominationKey(a, b)] / answered
                if w > 0 { edges.append(InfluenceEdge(source: roles[a], target: roles[b], weight: w)) }
            }
        }

        let friction = frictionIndex(
            table: table, cell: cell, settings: settings, alignment: alignment, nodes: nodes, riiOf: riiOf,
            riiReplicates: Array(replicates.prefix(n)), roles: roles, boot: boot)

        return InfluenceIndexResult(
            roles: roleResults, nodeCount: n,
            respondentsAnsweringInfluences: sums.influenceRespondents.reduce(0, +),
            respondentsAnsweringSignoff: sums.signoffRespondents.reduce(0, +),
            edges: edges, friction: friction)
    }

    /// The roles that are gatekeepers in `cell` (published sign-off power ≥ the threshold), as a
    /// bit mask over role indices. Used by ``ConsensusHorizon``.
    static func gatekeeperRoles(table: ResponseTable, cell: Cell, settings: AnalysisSettings) -> UInt64 {
        let sums = InfluenceSums(table: table, cell: cell)
        let point = sums.evaluate(sums.total, damping: settings.pageRankDamping, pageRank: false)
        var mask: UInt64 = 0
        for (t, b) in sums.signoffRoles.enumerated() {
            let (count, _) = sums.otherRoleRespondents(of: b, influences: false)
            if count >= settings.minimumRespondents, let g = point.signoff[t], g >= settings.gatekeeperThreshold {
                mask |= 1 << UInt64(b)
            }
        }
        return mask
    }

    // MARK: - Friction

    static func frictionIndex(table: ResponseTable, cell: Cell, settings: AnalysisSettings,
                              alignment given: AlignmentAnalysis?, nodes: [Int], riiOf: [Estimate?],
                              riiReplicates: [[Double?]], roles: [Role], boot: ClusterBootstrap) -> FrictionIndex {
        let alignment = given ?? AlignmentMap.analyse(table: table, cell: cell, settings: settings)
        guard let oa = alignment.organisations, alignment.result.unavailableReason == nil else {
            let reason = alignment.result.unavailableReason ?? AlignmentMap.noOrganisationsReason
            let missing = Estimate(missing: reason, n: 0, organisations: 0)
            return FrictionIndex(index: missing, unweightedMisalignment: missing, difference: missing, pairs: [])
        }
        var nodeSlot = [Int](repeating: -1, count: roles.count)
        for (t, b) in nodes.enumerated() { nodeSlot[b] = t }
        // Pairs of two different node roles with published A_ab and published RIIs.
        var used: [(key: Int, a: Int, b: Int, weight: Double, alignment: Double)] = []
        for key in 0..<oa.pairCount {
            let (a, b) = oa.pairRoles[key]
            guard a != b, let av = alignment.result.pairs[key].alignment.value,
                  let ra = riiOf[a]?.value, let rb = riiOf[b]?.value else { continue }
            used.append((key, a, b, (ra * rb).squareRoot(), av))
        }
        guard !used.isEmpty else {
            let missing = Estimate(missing: "not available: no role pair with published alignment and influence",
                                   n: 0, organisations: 0)
            return FrictionIndex(index: missing, unweightedMisalignment: missing, difference: missing, pairs: [])
        }
        func statistics(_ weight: (Int) -> Double?, _ align: (Int) -> Double?) -> (Double, Double)? {
            var f = 0.0, w = 0.0, mis = 0.0
            for t in used.indices {
                guard let wt = weight(t), let al = align(t) else { return nil }
                f += wt * (1 - al)
                w += wt
                mis += 1 - al
            }
            guard w > 0 else { return nil }
            return (f / w, mis / Double(used.count))
        }
        let point = statistics({ used[$0].weight }, { used[$0].alignment })!

        // Joint replicates: replicate b of the alignment map and of the RII drew the same
        // organisations (same seed, stream b, cluster count), so they combine replicate by replicate.
        var indexReps: [Double?] = [], unweightedReps: [Double?] = [], differenceReps: [Double?] = []
        var intervalReason: String?
        let b = settings.bootstrapReplicates
        if alignment.replicateCount == b, alignment.seed == settings.seed, alignment.clusterCount == cell.clusterCount,
           alignment.pairReplicates.count == oa.pairCount, riiReplicates.count == nodes.count {
            for rep in 0..<b {
                let s = statistics({ t in
                    guard let x = riiReplicates[nodeSlot[used[t].a]][rep], let y = riiReplicates[nodeSlot[used[t].b]][rep] else { return nil }
                    return (x * y).squareRoot()
                }, { t in alignment.pairReplicates[used[t].key][rep] })
                indexReps.append(s?.0)
                unweightedReps.append(s?.1)
                differenceReps.append(s.map { $0.0 - $0.1 })
            }
        } else {
            intervalReason = "not available: the alignment replicates do not match this bootstrap"
        }
        // n: respondents of the roles involved; organisations: the map's organisations (two or more roles).
        var involved: UInt64 = 0
        for u in used { involved |= (1 << UInt64(u.a)) | (1 << UInt64(u.b)) }
        var respondents = 0
        for p in 0..<cell.count where involved & (1 << UInt64(table.role[Int(cell.rows[p])])) != 0 { respondents += 1 }
        let organisations = alignment.result.organisations
        func estimate(_ v: Double, _ reps: [Double?]) -> Estimate {
            if let intervalReason {
                return Estimate(value: v, n: respondents, organisations: organisations, intervalReason: intervalReason)
            }
            return AlignmentMap.estimate(v, n: respondents, organisations: organisations, boot.summarise(reps))
        }
        let ranked = used.map { u in (u, u.weight * (1 - u.alignment)) }
            .sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0.key < $1.0.key) }
        let pairs = ranked.enumerated().map { rank, item in
            FrictionPair(rank: rank + 1, roleA: roles[item.0.a], roleB: roles[item.0.b], friction: item.1,
                         influenceWeight: item.0.weight, alignment: item.0.alignment)
        }
        return FrictionIndex(index: estimate(point.0, indexReps),
                             unweightedMisalignment: estimate(point.1, unweightedReps),
                             difference: estimate(point.0 - point.1, differenceReps), pairs: pairs)
    }
}

// MARK: - Sufficient statistics

/// Per-cluster weighted sums of the nomination and sign-off answers of one cell, so that a
/// bootstrap replicate recombines clusters in O(entries).
///
/// Keys (R = number of roles): answered `influences` of role a → a; nomination weight a → b →
/// R + a·R + b; answered `signoff` of role a → R + R² + a; role a lists b under signoff →
/// 2R + R² + a·R + b. Values are Σ survey weight (× nomination share for nominations).
struct InfluenceSums: Sendable {
    let roleCount: Int
    let keyCount: Int
    /// Graph nodes: roles present or named under `influences`, ascending.
    let nodes: [Int]
    /// Roles whose sign-off power is computed: present or named under either question, ascending.
    let signoffRoles: [Int]
    /// Roles present in the cell.
    let present: UInt64
    /// Full-cell totals per key.
    let total: [Double]
    /// Per-cluster entries, packed for the bootstrap.
    let stream: ReplicateStream
    /// Respondents of each role who answered `influences` / `signoff` (unweighted) and their clusters.
    let influenceRespondents: [Int]
    let influenceClusters: [Int]
    let signoffRespondents: [Int]
    /// Per cluster: roles with a respondent who answered `influences` / `signoff`.
    let clusterInfluenceRoles: [UInt64]
    let clusterSignoffRoles: [UInt64]

    func answeredInfluencesKey(_ a: Int) -> Int { a }
    func nominationKey(_ a: Int, _ b: Int) -> Int { roleCount + a * roleCount + b }
    func answeredSignoffKey(_ a: Int) -> Int { roleCount + roleCount * roleCount + a }
    func signoffKey(_ a: Int, _ b: Int) -> Int { 2 * roleCount + roleCount * roleCount + a * roleCount + b }

    init(table: ResponseTable, cell: Cell) {
        let r = table.roleCount
        roleCount = r
        let k = 2 * r + 2 * r * r
        keyCount = k
        let members = ClusterMembers(cell: cell)
        let g = cell.clusterCount
        var total = [Double](repeating: 0, count: k)
        var start = [Int32](repeating: 0, count: g + 1)
        var keys: [UInt16] = []
        var values: [Double] = []
        var scratch = [Double](repeating: 0, count: k)
        var touched: [Int] = []
        var present: UInt64 = 0, namedInfluence: UInt64 = 0, namedSignoff: UInt64 = 0
        var infResp = [Int](repeating: 0, count: r), infClus = [Int](repeating: 0, count: r)
        var sigResp = [Int](repeating: 0, count: r)
        var clusterInf = [UInt64](repeating: 0, count: g), clusterSig = [UInt64](repeating: 0, count: g)
        func add(_ key: Int, _ v: Double) {
            if scratch[key] == 0 { touched.append(key) }
            scratch[key] += v
        }
        for c in 0..<g {
            var infRoles: UInt64 = 0, sigRoles: UInt64 = 0
            for x in members.members(c) {
                let i = Int(cell.rows[Int(x)])
                let a = Int(table.role[i])
                let w = table.weight[i]
                present |= 1 << UInt64(a)
                if table.influencesAnswered[i] {
                    infResp[a] += 1
                    infRoles |= 1 << UInt64(a)
                    add(a, w)
                    let named = table.influences[i] & ~(1 << UInt64(a))  // self-nominations are invalid input: ignored
                    namedInfluence |= named
                    let m = named.nonzeroBitCount
                    if m > 0 {
                        let share = w / Double(m)
                        var bits = named
                        while bits != 0 {
                            let b = bits.trailingZeroBitCount
                            add(r + a * r + b, share)
                            bits &= bits - 1
                        }
                    }
                }
                if table.signoffAnswered[i] {
                    sigResp[a] += 1
                    sigRoles |= 1 << UInt64(a)
                    add(r + r * r + a, w)
                    namedSignoff |= table.signoff[i]
                    var bits = table.signoff[i]
                    while bits != 0 {
                        let b = bits.trailingZeroBitCount
                        add(2 * r + r * r + a * r + b, w)
                        bits &= bits - 1
                    }
                }
            }
            clusterInf[c] = infRoles
            clusterSig[c] = sigRoles
            var bits = infRoles
            while bits != 0 { infClus[bits.trailingZeroBitCount] += 1; bits &= bits - 1 }
            touched.sort()
            for key in touched {
                keys.append(UInt16(key))
                values.append(scratch[key])
                total[key] += scratch[key]
                scratch[key] = 0
            }
            touched.removeAll(keepingCapacity: true)
            start[c + 1] = Int32(keys.count)
        }
        let nodeMask = present | namedInfluence
        nodes = (0..<r).filter { nodeMask & (1 << UInt64($0)) != 0 }
        let signoffMask = nodeMask | namedSignoff
        signoffRoles = (0..<r).filter { signoffMask & (1 << UInt64($0)) != 0 }
        self.present = present
        self.total = total
        stream = ReplicateStream(keyCount: k, start: start, keys: keys, values: values)
        influenceRespondents = infResp
        influenceClusters = infClus
        signoffRespondents = sigResp
        clusterInfluenceRoles = clusterInf
        clusterSignoffRoles = clusterSig
    }

    /// Respondents of roles other than `b` who answered `influences` (or `signoff`), and the
    /// clusters they come from: the denominators of RII and sign-off power for publication.
    func otherRoleRespondents(of b: Int, influences: Bool) -> (respondents: Int, organisations: Int) {
        let counts = influences ? influenceRespondents : signoffRespondents
        var n = 0
        for a in 0..<roleCount where a != b { n += counts[a] }
        let others = ~(UInt64(1) << UInt64(b))
        var orgs = 0
        for m in (influences ? clusterInfluenceRoles : clusterSignoffRoles) where m & others != 0 { orgs += 1 }
        return (n, orgs)
    }

    /// Totals of eight bootstrap replicates (lane j: each cluster's entries counted as often as
    /// replicate `batch.first + j` drew it) into `totals` (count = ``keyCount``); `scratch` holds
    /// the stream's accumulators between calls.
    func replicateTotals(_ batch: ReplicateBatch, into totals: inout [SIMD8<Double>], scratch: inout [SIMD8<Double>]) {
        totals.withUnsafeMutableBufferPointer { stream.accumulate(batch, sums: $0, counts: nil, scratch: &scratch) }
    }

    /// RII per node (PageRank × node count) and sign-off power per ``signoffRoles`` entry from
    /// totals; `nil` where not defined (sign-off power without any answering respondent of another
    /// role; RII when PageRank fails).
    func evaluate(_ t: [Double], damping: Double, pageRank: Bool = true) -> (rii: [Double?], signoff: [Double?]) {
        let r = roleCount
        let n = nodes.count
        var rii = [Double?](repeating: nil, count: n)
        if pageRank, n > 0 {
            var weights = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for (s, a) in nodes.enumerated() {
                let answered = t[a]
                guard answered > 0 else { continue }
                for (u, b) in nodes.enumerated() where a != b {
                    weights[s][u] = t[r + a * r + b] / answered
                }
            }
            if let scores = try? PageRank.scores(weights: weights, damping: damping, dangling: .uniform) {
                for s in 0..<n { rii[s] = scores[s] * Double(n) }
            }
        }
        var signoff = [Double?](repeating: nil, count: signoffRoles.count)
        for (s, b) in signoffRoles.enumerated() {
            var listed = 0.0, answered = 0.0
            for a in 0..<r where a != b {
                answered += t[r + r * r + a]
                listed += t[2 * r + r * r + a * r + b]
            }
            signoff[s] = answered > 0 ? listed / answered : nil
        }
        return (rii, signoff)
    }
}

// MARK: - Result

/// The archetype of a role in the influence structure (constructs.md §6).
public enum InfluenceArchetype: String, Codable, Sendable, Hashable, CaseIterable {
    /// Sign-off power ≥ the gatekeeper threshold (default 0.5).
    case gatekeeper
    /// RII ≥ the validator threshold (default 1.25) and not a gatekeeper.
    case validator
    /// Neither.
    case contributor
}

/// The Role Influence Index of one cell.
public struct InfluenceIndexResult: Codable, Sendable, Hashable {
    /// Every role that is a graph node or has a sign-off power (present, or named by anyone), in
    /// instrument order.
    public var roles: [InfluenceRole]
    /// N, the number of graph nodes (RII is PageRank × N).
    public var nodeCount: Int
    /// Respondents who answered `influences`.
    public var respondentsAnsweringInfluences: Int
    /// Respondents who answered `signoff`.
    public var respondentsAnsweringSignoff: Int
    /// Edge weights a → b (0...1, the mean share of role a's answering respondents' nominations
    /// going to b), only for source roles that pass the anonymity rule, only weights > 0.
    public var edges: [InfluenceEdge]
    /// Influence-weighted misalignment.
    public var friction: FrictionIndex

    /// The entry of `role`, if listed.
    public func role(_ role: Role) -> InfluenceRole? { roles.first { $0.role == role } }
}

/// One role's influence figures.
public struct InfluenceRole: Codable, Sendable, Hashable {
    /// The role.
    public var role: Role
    /// `true` when the role is a node of the nomination graph (present, or named under influences).
    public var isNode: Bool
    /// `true` when the role has respondents in the cell.
    public var present: Bool
    /// RII (> 0; mean over nodes 1; > 1 more influential than the average role) with its
    /// cluster-bootstrap interval; n = respondents of the other roles who answered `influences`;
    /// published when n ≥ k_resp.
    public var rii: Estimate
    /// Sign-off power G (0...1) with its interval; n = respondents of the other roles who answered
    /// `signoff`; published when n ≥ k_resp.
    public var signoffPower: Estimate
    /// The archetype, `nil` when a figure it needs is not published (see ``archetypeReason``).
    public var archetype: InfluenceArchetype?
    /// Why ``archetype`` is missing.
    public var archetypeReason: String?
    /// For a gatekeeper: `true` when its RSI is below the median of the published role RSIs;
    /// `false` for other classified roles; `nil` when unknown (no RSI, or not classified).
    public var bottleneck: Bool?
    /// The RSI given for the role (0...100), echoed.
    public var rsi: Double?
}

/// A published edge of the nomination graph.
public struct InfluenceEdge: Codable, Sendable, Hashable {
    /// The nominating role (a).
    public var source: Role
    /// The nominated role (b).
    public var target: Role
    /// 0...1.
    public var weight: Double
}

/// The friction index and its ranked pairs.
public struct FrictionIndex: Codable, Sendable, Hashable {
    /// Σ F_ab / Σ √(RII_a·RII_b), 0...1, with an interval from the joint bootstrap of RII and A_ab.
    public var index: Estimate
    /// Mean of (1 − A_ab) over the same pairs, 0...1.
    public var unweightedMisalignment: Estimate
    /// index − unweighted misalignment (> 0: misalignment sits among the influential roles).
    public var difference: Estimate
    /// The pairs by F_ab, highest first.
    public var pairs: [FrictionPair]
}

/// One role pair's influence-weighted misalignment.
public struct FrictionPair: Codable, Sendable, Hashable {
    /// 1 = highest friction.
    public var rank: Int
    /// The first role of the pair (earlier in instrument order).
    public var roleA: Role
    /// The second role of the pair (later in instrument order).
    public var roleB: Role
    /// F_ab = √(RII_a·RII_b)·(1 − A_ab), ≥ 0.
    public var friction: Double
    /// √(RII_a·RII_b).
    public var influenceWeight: Double
    /// A_ab.
    public var alignment: Double
}
