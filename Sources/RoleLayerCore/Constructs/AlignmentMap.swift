import Dispatch

/// The five dimensions of role alignment (constructs.md §4), in the order results list them.
public enum AlignmentDimension: String, Sendable, Hashable, Codable, CaseIterable {
    /// Strategic priorities: normalised top-k Spearman footrule (Fagin, Kumar & Sivakumar 2003).
    case priorities
    /// Who should own AI strategy: 0 if the same answer, else 1.
    case ownership
    /// Preferred pace: |d_i − d_j| / 4.
    case direction
    /// Confidence that AI will create value: |c_i − c_j| / 6.
    case conviction
    /// Blockers cited: Jaccard distance of the sets (0 when both are empty).
    case risk
}

/// Role Alignment Map (RAM, constructs.md §4): do the roles of one organisation share one
/// interpretation of AI? Cohort map of role-pair alignment, per-dimension matrices, chance
/// baseline and excess alignment, fault lines, leadership alignment and rWG per organisation,
/// and Krippendorff's alpha per dimension.
///
/// Pair alignment A_ij = 1 − mean of the dimension distances both respondents answered (each in
/// 0...1, equal weights). An organisation's value for a role pair is the mean over its respondent
/// pairs of the two roles; the cohort value A_ab is the unweighted mean of organisation values
/// (no survey weights in alignment), published when at least max(k_org, k_resp) organisations
/// contribute, with a cluster-bootstrap percentile interval (Davison & Hinkley 1997, §3.8).
public enum AlignmentMap {
    /// The reason given when no organisation of the cell has two or more roles (including data
    /// without organisations).
    public static let noOrganisationsReason = "not available: no organisation has two or more roles"

    /// Computes the Role Alignment Map of one cell.
    ///
    /// - Parameters:
    ///   - table: the study's responses.
    ///   - cell: one wave (optionally segment-filtered) of `table`.
    ///   - settings: k thresholds, bootstrap B, seed and level, fault-line count, baseline limits.
    /// - Returns: the result; with no organisation of two or more roles every figure is
    ///   "not available" (``noOrganisationsReason``). Never throws: missing figures carry reasons.
    /// - Complexity: O(Σ_o m_o²) pair evaluations, plus O(B × entries) for the bootstrap, where
    ///   entries = Σ_o (role pairs present in o), plus the chance baseline (at most
    ///   `baselinePairLimit` pairs per published role pair, else `baselineSampleSize` draws).
    public static func compute(table: ResponseTable, cell: Cell, settings: AnalysisSettings) -> AlignmentMapResult {
        analyse(table: table, cell: cell, settings: settings).result
    }

    /// Computes the map and keeps what other constructs reuse: the per-organisation pair values
    /// and the bootstrap replicates of A_ab (``InfluenceIndex`` combines them with its own
    /// replicates for the friction index; ``ConsensusHorizon`` and ``OrganisationDiagnostic`` read
    /// the organisations' leadership alignment). Same arguments as ``compute(table:cell:settings:)``.
    public static func analyse(table: ResponseTable, cell: Cell, settings: AnalysisSettings) -> AlignmentAnalysis {
        let roles = table.instrument.roles.entries.map { Role($0.code) }
        let rule = AnonymityRule(settings: settings)
        let minimumOrgs = rule.minimumPairOrganisations
        guard table.hasOrganisations else {
            return AlignmentAnalysis(result: .unavailable(roles: roles, respondents: cell.count), organisations: nil,
                                     pairReplicates: [], replicateCount: settings.bootstrapReplicates,
                                     seed: settings.seed, clusterCount: cell.clusterCount)
        }
        let oa = OrganisationAlignment(table: table, cell: cell)
        guard oa.organisationsWithTwoRoles > 0 else {
            return AlignmentAnalysis(result: .unavailable(roles: roles, respondents: cell.count), organisations: oa,
                                     pairReplicates: [], replicateCount: settings.bootstrapReplicates,
                                     seed: settings.seed, clusterCount: cell.clusterCount)
        }
        let p = oa.pairCount
        let published = (0..<p).map { oa.pairOrganisations[$0] >= minimumOrgs }

        // Per-organisation agreement (rWG) on direction (5 points) and conviction (7 points).
        var rwgDirection = [Double?](repeating: nil, count: cell.clusterCount)
        var rwgConviction = [Double?](repeating: nil, count: cell.clusterCount)
        for c in 0..<cell.clusterCount where oa.isOrganisation[c] && oa.members.count(c) >= 2 {
            let agreement = organisationAgreement(oa: oa, cluster: c)
            rwgDirection[c] = agreement.direction
            rwgConviction[c] = agreement.conviction
        }

        // Bootstrap: pair means (p statistics), mean A_o, mean rWG direction, mean rWG conviction.
        let boot = ClusterBootstrap(replicates: settings.bootstrapReplicates, seed: settings.seed,
                                    confidenceLevel: settings.confidenceLevel,
                                    maximumUndefinedShare: settings.maximumUndefinedReplicateShare)
        // Compact streams: the pair entries, and per cluster (A_o, rWG direction, rWG conviction)
        // with a bit per defined value.
        let stream = ReplicateStream(keyCount: p, start: oa.entryStart, keys: oa.entryPair, values: oa.entryValue)
        var clusterValue = [SIMD4<Float>](repeating: .zero, count: cell.clusterCount)
        var clusterFlag = [UInt8](repeating: 0, count: cell.clusterCount)
        for c in 0..<cell.clusterCount {
            if oa.leadershipDefined[c] { clusterValue[c][0] = Float(oa.leadership[c]); clusterFlag[c] |= 1 }
            if let v = rwgDirection[c] { clusterValue[c][1] = Float(v); clusterFlag[c] |= 2 }
            if let v = rwgConviction[c] { clusterValue[c][2] = Float(v); clusterFlag[c] |= 4 }
        }
        let values = clusterValue, flags = clusterFlag
        let replicates = boot.batchedReplicates(
            clusterCount: cell.clusterCount, statisticCount: p + 3,
            scratch: { (sum: [SIMD8<Double>](repeating: SIMD8(), count: p), count: [SIMD8<Double>](repeating: SIMD8(), count: p),
                        stream: [SIMD8<Double>]()) }
        ) { batch, out, scratch in
            scratch.sum.withUnsafeMutableBufferPointer { s in
                scratch.count.withUnsafeMutableBufferPointer { n in
                    stream.accumulate(batch, sums: s, counts: n, include: published, scratch: &scratch.stream)
                }
            }
            // Per cluster (A_o, rWG direction, rWG conviction), each counted where defined; a
            // cluster not drawn adds 0, as the unbatched loop that skipped it.
            let m = batch.multiplicities
            var total0 = SIMD8<Double>(), total1 = SIMD8<Double>(), total2 = SIMD8<Double>()
            var weight0 = SIMD8<Double>(), weight1 = SIMD8<Double>(), weight2 = SIMD8<Double>()
            values.withUnsafeBufferPointer { v in
                flags.withUnsafeBufferPointer { f in
                    for c in 0..<m.count where f[c] != 0 {
                        let k = m[c]
                        if f[c] & 1 != 0 { total0 += k * Double(v[c][0]); weight0 += k }
                        if f[c] & 2 != 0 { total1 += k * Double(v[c][1]); weight1 += k }
                        if f[c] & 4 != 0 { total2 += k * Double(v[c][2]); weight2 += k }
                    }
                }
            }
            let totals = [total0, total1, total2], weights = [weight0, weight1, weight2]
            for lane in 0..<batch.count {
                for key in 0..<p where published[key] && scratch.count[key][lane] > 0 {
                    out[lane: lane, statistic: key] = scratch.sum[key][lane] / scratch.count[key][lane]
                }
                for j in 0..<3 where weights[j][lane] > 0 { out[lane: lane, statistic: p + j] = totals[j][lane] / weights[j][lane] }
            }
        }
        let summaries = replicates.map { boot.summarise($0) }

        let baselines = chanceBaselines(oa: oa, cell: cell, published: published, settings: settings)

        // Pairs.
        var pairs: [AlignmentPair] = []
        pairs.reserveCapacity(p)
        for key in 0..<p {
            let (a, b) = oa.pairRoles[key]
            let orgs = oa.pairOrganisations[key]
            let n = oa.pairRespondents[key]
            let alignment: Estimate
            var excess: Estimate
            if orgs == 0 {
                alignment = Estimate(missing: a == b ? "not available: no organisation has two respondents of this role"
                                                     : "not available: no organisation has respondents of both roles",
                                     n: 0, organisations: 0)
                excess = alignment
            } else if !published[key] {
                alignment = .suppressed(n: n, organisations: orgs)
                excess = alignment
            } else {
                let value = oa.pairSum[key] / Double(orgs)
                alignment = estimate(value, n: n, organisations: orgs, summaries[key])
                if let base = baselines[key]?.value {
                    excess = alignment
                    excess.value = value - base
                    excess.lower = alignment.lower.map { $0 - base }
                    excess.upper = alignment.upper.map { $0 - base }
                } else {
                    excess = Estimate(missing: "not available: no cross-organisation pair for the chance baseline",
                                      n: n, organisations: orgs)
                }
            }
            var dims: [DimensionAlignment] = []
            for (d, dimension) in AlignmentDimension.allCases.enumerated() {
                let dOrgs = oa.dimensionOrganisations[key * 5 + d]
                let dN = oa.dimensionRespondents[key * 5 + d]
                let e: Estimate
                if dOrgs == 0 {
                    e = Estimate(missing: "not available: no organisation answered this dimension for both roles",
                                 n: 0, organisations: 0)
                } else if dOrgs < minimumOrgs {
                    e = .suppressed(n: dN, organisations: dOrgs)
                } else {
                    e = Estimate(value: 1 - oa.dimensionSum[key * 5 + d] / Double(dOrgs), n: dN, organisations: dOrgs,
                                 intervalReason: "no interval: per-dimension values are reported without a bootstrap")
                }
                dims.append(DimensionAlignment(dimension: dimension, alignment: e))
            }
            pairs.append(AlignmentPair(roleA: roles[a], roleB: roles[b], alignment: alignment,
                                       baseline: published[key] ? baselines[key] : nil, excess: excess, dimensions: dims))
        }

        // Fault lines: the lowest published pairs of two different roles, lowest first.
        var candidates: [(Double, Int)] = []
        for key in 0..<p where published[key] {
            let (a, b) = oa.pairRoles[key]
            if a != b, let v = pairs[key].alignment.value { candidates.append((v, key)) }
        }
        candidates.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        let faultLines = candidates.prefix(max(0, settings.faultLineCount)).enumerated().map { rank, item in
            FaultLine(rank: rank + 1, roleA: pairs[item.1].roleA, roleB: pairs[item.1].roleB,
                      alignment: pairs[item.1].alignment, excess: pairs[item.1].excess)
        }

        let leadership = leadershipSummary(oa: oa, rwgDirection: rwgDirection, rwgConviction: rwgConviction,
                                           summaries: Array(summaries[p...]), minimumOrganisations: minimumOrgs)
        let agreement = cohortAgreement(oa: oa, cell: cell, table: table, minimumOrganisations: minimumOrgs)

        let result = AlignmentMapResult(
            roles: roles, unavailableReason: nil, respondents: cell.count,
            organisations: oa.organisationsWithTwoRoles, pairs: pairs, faultLines: faultLines,
            leadership: leadership, agreement: agreement)
        return AlignmentAnalysis(result: result, organisations: oa, pairReplicates: Array(replicates[0..<p]),
                                 replicateCount: settings.bootstrapReplicates, seed: settings.seed,
                                 clusterCount: cell.clusterCount)
    }

    // MARK: - Estimates

    /// A published value with the bootstrap interval of `summary`.
    static func estimate(_ value: Double, n: Int, organisations: Int, _ summary: BootstrapSummary) -> Estimate {
        Estimate(value: value, n: n, organisations: organisations, interval: summary)
    }

    // MARK: - Organisation agreement

    /// rWG of one organisation's respondents (all who answered) on direction (5-point scale) and
    /// conviction (confidence, 7-point scale) (James, Demaree & Wolf 1984); `nil` with fewer than two
    /// answers.
    static func organisationAgreement(oa: OrganisationAlignment, cluster c: Int) -> (direction: Double?, conviction: Double?) {
        var directions: [Double] = []
        var convictions: [Double] = []
        for x in oa.members.members(c) {
            let i = Int(x)
            if oa.distance.features[i].direction != Int8.min { directions.append(Double(oa.distance.features[i].direction)) }
            if oa.distance.features[i].confidence > 0 { convictions.append(Double(oa.distance.features[i].confidence)) }
        }
        let d = directions.count >= 2 ? try? WithinGroupAgreement.rwg(directions, scalePoints: 5) : nil
        let v = convictions.count >= 2 ? try? WithinGroupAgreement.rwg(convictions, scalePoints: 7) : nil
        return (d, v)
    }

    static func leadershipSummary(oa: OrganisationAlignment, rwgDirection: [Double?], rwgConviction: [Double?],
                                  summaries: [BootstrapSummary], minimumOrganisations: Int) -> LeadershipAlignment {
        var values: [Double] = []
        var respondents = 0
        var dir: [Double] = [], dirN = 0
        var conv: [Double] = [], convN = 0
        for c in 0..<oa.leadership.count where oa.leadershipDefined[c] {
            values.append(oa.leadership[c])
            respondents += oa.members.count(c)
        }
        for c in 0..<rwgDirection.count {
            if let v = rwgDirection[c] { dir.append(v); dirN += oa.members.count(c) }
            if let v = rwgConviction[c] { conv.append(v); convN += oa.members.count(c) }
        }
        func mean(_ xs: [Double], n: Int, _ s: BootstrapSummary) -> Estimate {
            if xs.isEmpty {
                return Estimate(missing: "not available: no organisation qualifies", n: 0, organisations: 0)
            }
            if xs.count < minimumOrganisations { return .suppressed(n: n, organisations: xs.count) }
            return estimate(xs.reduce(0, +) / Double(xs.count), n: n, organisations: xs.count, s)
        }
        let publishedQuartiles = values.count >= minimumOrganisations
        let q = publishedQuartiles ? (try? Quantile.type7(values, [0.25, 0.5, 0.75])) : nil
        return LeadershipAlignment(
            mean: mean(values, n: respondents, summaries[0]),
            lowerQuartile: q?[0], median: q?[1], upperQuartile: q?[2],
            quartilesReason: publishedQuartiles ? nil : (values.isEmpty ? "not available: no organisation qualifies" : AnonymityRule.suppressedReason),
            directionAgreement: mean(dir, n: dirN, summaries[1]),
            convictionAgreement: mean(conv, n: convN, summaries[2]))
    }

    // MARK: - Chance baseline

    /// Stream offset of the baseline samples' generators (stream = offset + pair index), far from
    /// the bootstrap's streams 0..<B.
    static let baselineStream: UInt64 = 0xBA5E_0000_0000_0000

    /// Pairs drawn at a time by the sampled chance baseline (their features gathered together).
    static let baselineBatch = 256

    /// The chance baseline of every published pair: mean pair alignment of a respondent of role a
    /// and one of role b from different organisations of the cell (respondents of real
    /// organisations only). All such pairs when there are at most `baselinePairLimit`, otherwise
    /// `baselineSampleSize` pairs drawn uniformly with replacement (rejecting same-organisation
    /// draws) from `RandomGenerator(seed: seed, stream: baselineStream + pair index)`. Pairs
    /// sharing no answered dimension are skipped. Role pairs run in parallel; each writes its own slot.
    static func chanceBaselines(oa: OrganisationAlignment, cell: Cell, published: [Bool],
                                settings: AnalysisSettings) -> [ChanceBaseline?] {
        let r = oa.roleCount
        // Per role, the features of its respondents (of real organisations), in cell order.
        var byRole = [[PairDistance.Features]](repeating: [], count: r)
        for p in 0..<cell.count where oa.isOrganisation[Int(cell.localCluster[p])] {
            byRole[Int(oa.role[p])].append(oa.distance.features[p])
        }
        let keys = (0..<oa.pairCount).filter { published[$0] }
        var out = [ChanceBaseline?](repeating: nil, count: oa.pairCount)
        guard !keys.isEmpty else { return out }
        let limit = settings.baselinePairLimit, sampleSize = settings.baselineSampleSize, seed = settings.seed
        let roleLists = byRole
        var computed = [ChanceBaseline?](repeating: nil, count: keys.count)
        computed.withUnsafeMutableBufferPointer { buffer in
            let sink = BaselineSink(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: keys.count) { t in
                let key = keys[t]
                let (a, b) = oa.pairRoles[key]
                let la = roleLists[a], lb = roleLists[b]
                let na = la.count, nb = lb.count
                let all = a == b ? na * (na - 1) / 2 : na * nb
                let cross = all - oa.sameOrganisationPairs[key]
                var sum = 0.0, used = 0
                if cross <= 0 {
                    sink.buffer[t] = ChanceBaseline(value: nil, pairsUsed: 0, crossOrganisationPairs: 0, sampled: false,
                                                    reason: "not available: no cross-organisation pair")
                    return
                }
                let sampled = cross > limit
                la.withUnsafeBufferPointer { la in
                  lb.withUnsafeBufferPointer { lb in
                    if !sampled {
                        for x in 0..<na {
                            let fi = la[x]
                            for y in (a == b ? x + 1 : 0)..<nb {
                                let fj = lb[y]
                                if fj.cluster == fi.cluster { continue }
                                if let v = PairDistance.alignment(oa.distance.distances(fi, fj)) { sum += v; used += 1 }
                            }
                        }
                    } else {
                        // Draws (a respondent of role a, then one of role b) in batches: the batch's
                        // features are gathered first, in a loop of independent loads, then its pairs
                        // are scored in draw order until `sampleSize` are accepted (draws left in the
                        // last batch are unused), so the sample and the sum are those of drawing one
                        // pair at a time.
                        var rng = RandomGenerator(seed: seed, stream: baselineStream &+ UInt64(key))
                        var drawn = 0
                        let batch = baselineBatch
                        withUnsafeTemporaryAllocation(of: PairDistance.Features.self, capacity: 2 * batch) { pairs in
                            while drawn < sampleSize {
                                for t in 0..<batch {
                                    let x = rng.nextInt(below: na), y = rng.nextInt(below: nb)
                                    pairs.initializeElement(at: 2 * t, to: la[x])
                                    pairs.initializeElement(at: 2 * t + 1, to: lb[y])
                                }
                                for t in 0..<batch where drawn < sampleSize {
                                    let fi = pairs[2 * t], fj = pairs[2 * t + 1]
                                    if fi.cluster == fj.cluster { continue }
                                    drawn += 1
                                    if let v = PairDistance.alignment(oa.distance.distances(fi, fj)) { sum += v; used += 1 }
                                }
                            }
                        }
                    }
                  }
                }
                sink.buffer[t] = ChanceBaseline(
                    value: used > 0 ? sum / Double(used) : nil, pairsUsed: used, crossOrganisationPairs: cross,
                    sampled: sampled, reason: used > 0 ? nil : "not available: no cross-organisation pair shares an answered dimension")
            }
        }
        for (t, key) in keys.enumerated() { out[key] = computed[t] }
        return out
    }

    // MARK: - Krippendorff's alpha

    /// Krippendorff's alpha per dimension with organisations as units and roles as coders:
    /// interval metric for direction and conviction, nominal for ownership. Every respondent's
    /// answer is one value of its organisation's unit (α depends only on the values in each unit,
    /// so a second respondent of a role is one more value, held in an extra coder column).
    /// Priorities and risk are not computed (list- and set-valued answers need a distance such as
    /// MASI, Passonneau 2006, that α's standard metrics do not provide). Published when at least
    /// max(k_org, k_resp) organisations have two or more values; no interval.
    static func cohortAgreement(oa: OrganisationAlignment, cell: Cell, table: ResponseTable,
                                minimumOrganisations: Int) -> [DimensionAgreement] {
        AlignmentDimension.allCases.map { dimension in
            let metric: KrippendorffAlpha.Metric
            let valueOf: (Int) -> Double?
            switch dimension {
            case .priorities, .risk:
                return DimensionAgreement(
                    dimension: dimension, metric: nil,
                    alpha: Estimate(missing: "not computed: Krippendorff's alpha has no standard metric for list- or set-valued answers; see the per-dimension alignment matrix",
                                    n: 0, organisations: 0))
            case .ownership:
                metric = .nominal
                valueOf = { oa.distance.features[$0].ownership >= 0 ? Double(oa.distance.features[$0].ownership) : nil }
            case .direction:
                metric = .interval
                valueOf = { oa.distance.features[$0].direction != Int8.min ? Double(oa.distance.features[$0].direction) : nil }
            case .conviction:
                metric = .interval
                valueOf = { oa.distance.features[$0].confidence > 0 ? Double(oa.distance.features[$0].confidence) : nil }
            }
            let r = oa.roleCount
            var units: [[Double?]] = []
            var n = 0
            var occurrence = [Int](repeating: 0, count: r)
            for c in 0..<cell.clusterCount where oa.isOrganisation[c] && oa.members.count(c) >= 2 {
                var row: [Double?] = []
                var values = 0
                for x in oa.members.members(c) {
                    let i = Int(x)
                    guard let v = valueOf(i) else { continue }
                    let ro = Int(oa.role[i])
                    let column = ro + r * occurrence[ro]
                    occurrence[ro] += 1
                    if row.count <= column { row.append(contentsOf: repeatElement(nil, count: column + 1 - row.count)) }
                    row[column] = v
                    values += 1
                }
                for i in 0..<r { occurrence[i] = 0 }
                if values >= 2 { units.append(row); n += values }
            }
            let alpha: Estimate
            if units.isEmpty {
                alpha = Estimate(missing: "not available: no organisation has two answers", n: 0, organisations: 0)
            } else if units.count < minimumOrganisations {
                alpha = .suppressed(n: n, organisations: units.count)
            } else {
                do throws(StatisticError) {
                    alpha = Estimate(value: try KrippendorffAlpha.alpha(units, metric: metric), n: n,
                                     organisations: units.count,
                                     intervalReason: "no interval: Krippendorff's alpha is reported without a bootstrap")
                } catch {
                    alpha = Estimate(missing: error.description, n: n, organisations: units.count)
                }
            }
            return DimensionAgreement(dimension: dimension, metric: metric.rawValue, alpha: alpha)
        }
    }
}

/// The parallel baseline's output slots; each iteration writes only its own index.
private struct BaselineSink: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<ChanceBaseline?>
}

// MARK: - Analysis (reused by other constructs)

/// The Role Alignment Map with what other constructs of the same cell reuse: the organisations'
/// pair values and leadership alignment, and the bootstrap replicates of every pair's A_ab.
/// Not written to output (it holds per-organisation values); see ``result`` for that.
public struct AlignmentAnalysis: Sendable {
    /// The publishable result.
    public let result: AlignmentMapResult
    /// Per-organisation pair values of the cell; `nil` for data without organisations.
    let organisations: OrganisationAlignment?
    /// Replicates of A_ab: `[pair index][replicate]`, `nil` where undefined or unpublished;
    /// empty when the map is not available.
    let pairReplicates: [[Double?]]
    /// B, seed and clusters of the replicates (a consumer combines replicates only when its own match).
    let replicateCount: Int
    let seed: UInt64
    let clusterCount: Int
}

// MARK: - Result

/// The Role Alignment Map of one cell (constructs.md §4). Codable for JSON output; contains no
/// respondent or organisation identifier.
public struct AlignmentMapResult: Codable, Sendable, Hashable {
    /// The instrument's roles, in order (the axes of the R × R map).
    public var roles: [Role]
    /// Why the whole map is not available (``AlignmentMap/noOrganisationsReason``), else `nil`.
    public var unavailableReason: String?
    /// Respondents in the cell.
    public var respondents: Int
    /// Organisations in the cell with two or more roles present.
    public var organisations: Int
    /// One entry per unordered role pair a ≤ b in instrument order (R(R + 1)/2 entries, diagonal =
    /// within-role alignment), the upper triangle of the symmetric map read row by row; empty when
    /// not available.
    public var pairs: [AlignmentPair]
    /// The `faultLineCount` lowest published pairs of two different roles, lowest (widest) first.
    public var faultLines: [FaultLine]
    /// Leadership alignment A_o and rWG across organisations.
    public var leadership: LeadershipAlignment
    /// Krippendorff's alpha per dimension.
    public var agreement: [DimensionAgreement]

    /// A result whose every figure is "not available" for want of organisations with two roles.
    static func unavailable(roles: [Role], respondents: Int) -> AlignmentMapResult {
        let missing = Estimate(missing: AlignmentMap.noOrganisationsReason, n: 0, organisations: 0)
        return AlignmentMapResult(
            roles: roles, unavailableReason: AlignmentMap.noOrganisationsReason, respondents: respondents,
            organisations: 0, pairs: [], faultLines: [],
            leadership: LeadershipAlignment(mean: missing, lowerQuartile: nil, median: nil, upperQuartile: nil,
                                            quartilesReason: AlignmentMap.noOrganisationsReason,
                                            directionAgreement: missing, convictionAgreement: missing),
            agreement: AlignmentDimension.allCases.map { DimensionAgreement(dimension: $0, metric: nil, alpha: missing) })
    }

    /// The entry of roles `a` and `b` (either order), or `nil` when a role is unknown or the map is
    /// not available.
    public func pair(_ a: Role, _ b: Role) -> AlignmentPair? {
        guard let i = roles.firstIndex(of: a), let j = roles.firstIndex(of: b), !pairs.isEmpty else { return nil }
        return pairs[OrganisationAlignment.pairIndex(i, j, roleCount: roles.count)]
    }

    /// The R × R matrix of published A_ab (symmetric; `nil` where suppressed or not available).
    public func matrix() -> [[Double?]] {
        let r = roles.count
        guard !pairs.isEmpty else { return Array(repeating: Array(repeating: nil, count: r), count: r) }
        return (0..<r).map { i in
            (0..<r).map { j in pairs[OrganisationAlignment.pairIndex(i, j, roleCount: r)].alignment.value }
        }
    }
}

/// One cell of the cohort map: roles a and b (a before b in instrument order, equal on the diagonal).
public struct AlignmentPair: Codable, Sendable, Hashable {
    /// The first role of the pair (earlier in instrument order).
    public var roleA: Role
    /// The second role of the pair (equal to roleA on the diagonal).
    public var roleB: Role
    /// A_ab in 0...1 (1 = the two roles answer alike), mean over organisations; n = respondents,
    /// organisations = organisations contributing; cluster-bootstrap interval.
    public var alignment: Estimate
    /// The chance baseline from cross-organisation pairs; `nil` when the pair is not published.
    public var baseline: ChanceBaseline?
    /// Excess alignment A_ab − baseline, in −1...1 (positive: leaders of one organisation agree
    /// more than strangers do). Its interval is A_ab's interval shifted by the baseline (the
    /// baseline, resting on many pairs, is held fixed).
    public var excess: Estimate
    /// Alignment on each dimension alone (1 − mean distance), in ``AlignmentDimension/allCases`` order.
    public var dimensions: [DimensionAlignment]
}

/// A pair's alignment on one dimension.
public struct DimensionAlignment: Codable, Sendable, Hashable {
    /// The dimension.
    public var dimension: AlignmentDimension
    /// 1 − mean over organisations of the organisation's mean distance on this dimension, 0...1;
    /// published with at least max(k_org, k_resp) organisations; no interval.
    public var alignment: Estimate
}

/// Mean pair alignment of respondents of roles a and b from different organisations.
public struct ChanceBaseline: Codable, Sendable, Hashable {
    /// The baseline in 0...1, or `nil` (see ``reason``).
    public var value: Double?
    /// Pairs that entered the mean (sharing at least one answered dimension).
    public var pairsUsed: Int
    /// All cross-organisation pairs of the two roles in the cell.
    public var crossOrganisationPairs: Int
    /// `true` when the pairs were a seeded sample (more than `baselinePairLimit` pairs).
    public var sampled: Bool
    /// Why ``value`` is missing.
    public var reason: String?
}

/// A fault line: one of the lowest-alignment role pairs.
public struct FaultLine: Codable, Sendable, Hashable {
    /// 1 = the lowest alignment.
    public var rank: Int
    /// The first role of the pair (earlier in instrument order).
    public var roleA: Role
    /// The second role of the pair (equal to roleA on the diagonal).
    public var roleB: Role
    /// A_ab, as in the cohort map.
    public var alignment: Estimate
    /// Excess alignment A_ab − chance baseline.
    public var excess: Estimate
}

/// Leadership alignment across the cell's organisations.
public struct LeadershipAlignment: Codable, Sendable, Hashable {
    /// Mean over organisations of A_o (A_o = mean A over the organisation's pairs of two different
    /// roles), 0...1, with a cluster-bootstrap interval; n = respondents of those organisations.
    public var mean: Estimate
    /// Type-7 quartiles of A_o over organisations (`nil` when suppressed or not available).
    public var lowerQuartile: Double?
    /// Type-7 median of A_o over organisations.
    public var median: Double?
    /// Type-7 75th percentile of A_o over organisations.
    public var upperQuartile: Double?
    /// Why the quartiles are missing.
    public var quartilesReason: String?
    /// Mean over organisations of rWG on direction (5-point scale, uniform null variance 2), 0...1.
    public var directionAgreement: Estimate
    /// Mean over organisations of rWG on conviction (confidence, 7-point scale, null variance 4), 0...1.
    public var convictionAgreement: Estimate
}

/// Cohort agreement on one dimension: Krippendorff's alpha.
public struct DimensionAgreement: Codable, Sendable, Hashable {
    /// The dimension.
    public var dimension: AlignmentDimension
    /// `"interval"`, `"nominal"`, or `nil` where not computed.
    public var metric: String?
    /// α (at most 1; 0 = chance agreement); organisations = units with two or more values,
    /// n = values in them.
    public var alpha: Estimate
}
