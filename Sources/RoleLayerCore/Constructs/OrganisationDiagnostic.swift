/// Organisation diagnostic (constructs.md §8): one organisation in one wave set against its cohort,
/// produced only on explicit request for that organisation. **It identifies roles** (the
/// organisation's own role figures are shown even where a role has one respondent) and is meant
/// for that organisation's leadership team; it never contains a respondent id or a comment, and
/// it shows no other organisation's values, only cohort distributions.
///
/// Contents:
/// - each role present: its mean position x in the organisation (survey-weighted, 0...100), its
///   percentile among the cohort's respondents of that role (weighted mid-rank percentile
///   100·(W_below + W_equal/2)/W, 0...100), and the cohort RSI given by the caller;
/// - its within-organisation gradient g_o (max − min of its role means, with at least
///   `withinOrganisationMinimumRoles` roles) and its leadership alignment A_o, each as a mid-rank
///   percentile of the cohort's organisations, and its rWG on direction and conviction (§4);
/// - its alignment matrix (its own value per role pair, per dimension too) beside the cohort map,
///   a pair flagged when its value is below the type-7 25th percentile of the cohort
///   organisations' values for that pair;
/// - running ahead: roles whose mean x is at least one stage step above the organisation's
///   median x (weighted lower median over its respondents) and whose mean alignment with the
///   other roles is below the cohort median of that role's mean alignment with the others;
/// - unacknowledged risk: blockers cited by exactly one of the roles that answered the blocker
///   question (needs two or more such roles);
/// - local capability masquerading as collective preparedness: the organisation's mean x (over its
///   respondents, weighted) above the cohort median of organisation means, while its g_o is in the
///   cohort's top quartile (at or above the type-7 75th percentile of g_o).
///
/// Cohort comparisons over organisations need at least max(k_org, k_resp) organisations, and a
/// percentile among a role's respondents needs the role to pass the anonymity rule; otherwise the
/// comparison is `nil` with the reason.
public enum OrganisationDiagnostic {
    /// The notice every diagnostic carries.
    public static let notice = "This diagnostic identifies roles. It is meant for the leadership team of this organisation only; do not publish or share it beyond that team."

    /// Computes the diagnostic of organisation `organisation` in `cell`.
    ///
    /// - Parameters:
    ///   - table: the study's responses.
    ///   - cell: the cohort cell (one wave, optionally segment-filtered) the organisation is compared with.
    ///   - organisation: the organisation key as imported (`organisation_id`).
    ///   - settings: k thresholds, stage weight (stage step), minimum roles of the gradient.
    ///   - cohortRSI: the cohort RSI of each role in this cell (0...100) by role index (instrument
    ///     order), `nil` where not published; another length counts as none.
    ///   - alignment: the cell's alignment analysis (same cell and settings); computed when `nil`.
    /// - Returns: the diagnostic; "not available" when the organisation has no respondent in the cell.
    public static func compute(table: ResponseTable, cell: Cell, organisation: String, settings: AnalysisSettings,
                               cohortRSI: [Double?], alignment: AlignmentAnalysis? = nil) -> OrganisationDiagnosticResult {
        let wave = table.waves[cell.waveIndex]
        let roles = table.instrument.roles.entries.map { Role($0.code) }
        let r = table.roleCount
        let rule = AnonymityRule(settings: settings)
        let minimumOrgs = rule.minimumPairOrganisations
        guard let target = (0..<cell.clusterCount).first(where: { table.clusterKeys[Int(cell.clusters[$0])] == organisation }) else {
            return .unavailable(organisation: organisation, wave: wave,
                                reason: "not available: the organisation has no respondent in this cell")
        }
        let analysis = alignment ?? AlignmentMap.analyse(table: table, cell: cell, settings: settings)
        let oa = analysis.organisations ?? OrganisationAlignment(table: table, cell: cell)
        let rsi: [Double?] = cohortRSI.count == r ? cohortRSI : Array(repeating: nil, count: r)
        let members = oa.members
        let position = cell.rows.map { table.position[Int($0)] }
        let weight = cell.rows.map { table.weight[Int($0)] }

        // Role means of every organisation (for g_o and organisation means).
        var orgGradient: [Double] = []
        var orgMean: [Double] = []
        var targetGradient: Double?
        var targetRoleMean = [Double?](repeating: nil, count: r)
        var targetRoleCount = [Int](repeating: 0, count: r)
        var targetMean = 0.0
        var sums = [Double](repeating: 0, count: r), weights = [Double](repeating: 0, count: r)
        for c in 0..<cell.clusterCount where oa.isOrganisation[c] {
            var totalS = 0.0, totalW = 0.0
            for x in members.members(c) {
                let p = Int(x), ro = Int(oa.role[p])
                sums[ro] += weight[p] * position[p]
                weights[ro] += weight[p]
                totalS += weight[p] * position[p]
                totalW += weight[p]
                if c == target { targetRoleCount[ro] += 1 }
            }
            var lo = Double.infinity, hi = -Double.infinity, present = 0
            for ro in 0..<r where weights[ro] > 0 {
                let m = sums[ro] / weights[ro]
                lo = min(lo, m); hi = max(hi, m); present += 1
                if c == target { targetRoleMean[ro] = m }
                sums[ro] = 0; weights[ro] = 0
            }
            orgMean.append(totalS / totalW)
            if c == target { targetMean = totalS / totalW }
            if present >= settings.withinOrganisationMinimumRoles {
                orgGradient.append(hi - lo)
                if c == target { targetGradient = hi - lo }
            }
        }

        // Roles present: position against the cohort's respondents of the role.
        let targetMembers = Array(members.members(target))
        let targetPositions = targetMembers.map { position[Int($0)] }
        let targetWeights = targetMembers.map { weight[Int($0)] }
        let organisationMedian = (try? Quantile.weightedLowerMedian(targetPositions, weights: targetWeights)) ?? targetMean
        let presentRoles = (0..<r).filter { targetRoleMean[$0] != nil }

        // Mean alignment with the other roles: this organisation and the cohort distribution per role.
        var targetAlignmentWithOthers = [Double?](repeating: nil, count: r)
        var cohortAlignmentWithOthers = [[Double]](repeating: [], count: r)
        var aSum = [Double](repeating: 0, count: r), aCount = [Int](repeating: 0, count: r)
        var pairValues = [[Double]](repeating: [], count: oa.pairCount)
        let targetPairs = Set((Int(oa.entryStart[target])..<Int(oa.entryStart[target + 1])).map { Int(oa.entryPair[$0]) })
        for c in 0..<cell.clusterCount where oa.isOrganisation[c] {
            for e in Int(oa.entryStart[c])..<Int(oa.entryStart[c + 1]) {
                let key = Int(oa.entryPair[e])
                let v = oa.entryValue[e]
                if targetPairs.contains(key) { pairValues[key].append(v) }
                let (a, b) = oa.pairRoles[key]
                guard a != b else { continue }
                aSum[a] += v; aCount[a] += 1
                aSum[b] += v; aCount[b] += 1
            }
            for ro in 0..<r where aCount[ro] > 0 {
                let m = aSum[ro] / Double(aCount[ro])
                if targetRoleMean[ro] != nil { cohortAlignmentWithOthers[ro].append(m) }
                if c == target { targetAlignmentWithOthers[ro] = m }
                aSum[ro] = 0; aCount[ro] = 0
            }
        }

        let step = settings.stageStep
        var roleResults: [DiagnosticRole] = []
        var runningAhead: [Role] = []
        for ro in presentRoles {
            let x = targetRoleMean[ro]!
            // Cohort respondents of the role.
            var below = 0.0, equal = 0.0, total = 0.0, count = 0
            var clusters = Set<Int32>()
            for p in 0..<cell.count where Int(oa.role[p]) == ro {
                let w = weight[p]
                total += w
                if position[p] < x { below += w } else if position[p] == x { equal += w }
                count += 1
                clusters.insert(cell.localCluster[p])
            }
            let passes = rule.allows(respondents: count, organisations: clusters.count)
            let gap = x - organisationMedian
            let own = targetAlignmentWithOthers[ro]
            let cohortList = cohortAlignmentWithOthers[ro]
            let cohortMedian = cohortList.count >= minimumOrgs ? try? Quantile.median(cohortList) : nil
            var ahead: Bool?
            if gap < step - 1e-9 {
                ahead = false
            } else if let own, let cohortMedian {
                ahead = own < cohortMedian
            }
            if ahead == true { runningAhead.append(roles[ro]) }
            roleResults.append(DiagnosticRole(
                role: roles[ro], respondents: targetRoleCount[ro], position: x,
                cohortPercentile: passes && total > 0 ? 100 * (below + equal / 2) / total : nil,
                percentileReason: passes ? nil : AnonymityRule.suppressedReason,
                cohortRSI: rsi[ro], aboveOrganisationMedian: gap, meanAlignmentWithOthers: own,
                cohortMedianAlignmentWithOthers: cohortMedian, runningAhead: ahead))
        }

        // Gradient and leadership alignment as percentiles of the cohort's organisations.
        func comparison(_ value: Double?, among values: [Double], missing: String) -> DiagnosticComparison {
            guard let value else {
                return DiagnosticComparison(value: nil, percentile: nil, cohortOrganisations: values.count, reason: missing)
            }
            guard values.count >= minimumOrgs else {
                return DiagnosticComparison(value: value, percentile: nil, cohortOrganisations: values.count,
                                            reason: AnonymityRule.suppressedReason)
            }
            return DiagnosticComparison(value: value, percentile: midRankPercentile(value, among: values),
                                        cohortOrganisations: values.count, reason: nil)
        }
        let gradient = comparison(targetGradient, among: orgGradient,
                                  missing: "not available: fewer than \(settings.withinOrganisationMinimumRoles) roles answered")
        var leadValues: [Double] = []
        for c in 0..<cell.clusterCount where oa.isOrganisation[c] && oa.leadershipDefined[c] { leadValues.append(oa.leadership[c]) }
        let leadership = comparison(oa.leadershipDefined[target] ? oa.leadership[target] : nil, among: leadValues,
                                    missing: "not available: fewer than two roles share an answered dimension")
        let agreement = AlignmentMap.organisationAgreement(oa: oa, cluster: target)

        // Alignment matrix beside the cohort map.
        var pairs: [DiagnosticPair] = []
        for (key, values, defined) in oa.dimensionDetail(cluster: target) {
            guard let own = oa.value(cluster: target, pair: key) else { continue }
            let (a, b) = oa.pairRoles[key]
            let cohort: Estimate = analysis.result.pairs.isEmpty
                ? Estimate(missing: analysis.result.unavailableReason ?? AlignmentMap.noOrganisationsReason, n: 0, organisations: 0)
                : analysis.result.pairs[key].alignment
            let q25 = cohort.isPublished ? try? Quantile.type7(pairValues[key], 0.25) : nil
            pairs.append(DiagnosticPair(
                roleA: roles[a], roleB: roles[b], alignment: own,
                dimensions: AlignmentDimension.allCases.enumerated().map { d, dim in
                    DiagnosticDimension(dimension: dim, alignment: defined & (1 << d) != 0 ? values[d] : nil)
                },
                cohort: cohort, cohortLowerQuartile: q25, belowCohortLowerQuartile: q25.map { own < $0 }))
        }

        // Unacknowledged risk: blockers cited by exactly one of the roles that answered.
        var answeredRoles: UInt64 = 0
        var citedBy = [UInt64](repeating: 0, count: table.blockerCount)
        for x in targetMembers {
            let i = Int(cell.rows[Int(x)])
            guard table.blockersAnswered[i] else { continue }
            let ro = Int(table.role[i])
            answeredRoles |= 1 << UInt64(ro)
            var bits = table.blockers[i]
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                if b < citedBy.count { citedBy[b] |= 1 << UInt64(ro) }
                bits &= bits - 1
            }
        }
        var risks: [UnacknowledgedRisk] = []
        var riskReason: String?
        if answeredRoles.nonzeroBitCount >= 2 {
            for (b, mask) in citedBy.enumerated() where mask.nonzeroBitCount == 1 {
                risks.append(UnacknowledgedRisk(blocker: Blocker(table.instrument.blockers.entries[b].code),
                                                role: roles[mask.trailingZeroBitCount]))
            }
        } else {
            riskReason = "not available: fewer than two roles answered the blocker question"
        }

        // Local capability masquerading as collective preparedness.
        var local = LocalCapabilityCheck(organisationMean: targetMean, cohortMedianOfOrganisationMeans: nil,
                                         gradient: targetGradient, cohortGradientUpperQuartile: nil, flagged: nil, reason: nil)
        if orgMean.count < minimumOrgs || orgGradient.count < minimumOrgs {
            local.reason = AnonymityRule.suppressedReason
        } else {
            local.cohortMedianOfOrganisationMeans = try? Quantile.median(orgMean)
            local.cohortGradientUpperQuartile = try? Quantile.type7(orgGradient, 0.75)
            if let g = targetGradient, let med = local.cohortMedianOfOrganisationMeans, let q75 = local.cohortGradientUpperQuartile {
                local.flagged = targetMean > med && g >= q75
            } else {
                local.reason = gradient.reason
            }
        }

        return OrganisationDiagnosticResult(
            notice: notice, organisation: organisation, wave: wave, unavailableReason: nil,
            respondents: targetMembers.count, roles: roleResults, withinOrganisationGradient: gradient,
            leadershipAlignment: leadership, directionAgreement: agreement.direction,
            convictionAgreement: agreement.conviction, alignment: pairs, runningAhead: runningAhead,
            unacknowledgedRisks: risks, unacknowledgedRiskReason: riskReason, localCapability: local)
    }

    /// Mid-rank percentile of `value` among `values` (unweighted): 100·(below + equal/2)/count, 0...100.
    static func midRankPercentile(_ value: Double, among values: [Double]) -> Double {
        var below = 0, equal = 0
        for v in values { if v < value { below += 1 } else if v == value { equal += 1 } }
        return 100 * (Double(below) + Double(equal) / 2) / Double(values.count)
    }
}

// MARK: - Result

/// One organisation's diagnostic for its leadership team. Identifies roles; contains no
/// respondent id and no comment.
public struct OrganisationDiagnosticResult: Codable, Sendable, Hashable {
    /// ``OrganisationDiagnostic/notice``: the diagnostic identifies roles and is meant for the
    /// organisation's leadership team.
    public var notice: String
    /// The organisation key it was requested for.
    public var organisation: String
    /// The wave.
    public var wave: Wave
    /// Why the diagnostic is not available, else `nil`.
    public var unavailableReason: String?
    /// The organisation's respondents in the cell.
    public var respondents: Int
    /// Each role present, in instrument order.
    public var roles: [DiagnosticRole]
    /// g_o (index points, 0...100) and its percentile among the cohort's organisations.
    public var withinOrganisationGradient: DiagnosticComparison
    /// A_o (0...1) and its percentile among the cohort's organisations.
    public var leadershipAlignment: DiagnosticComparison
    /// rWG of the organisation's respondents on direction (5-point scale; James, Demaree & Wolf
    /// 1984), 0...1; `nil` with fewer than two answers.
    public var directionAgreement: Double?
    /// rWG on conviction (confidence, 7-point scale), 0...1; `nil` with fewer than two answers.
    public var convictionAgreement: Double?
    /// The organisation's role pairs (a ≤ b, diagonal where it has two respondents of a role).
    public var alignment: [DiagnosticPair]
    /// Roles running ahead of the organisation (see ``DiagnosticRole/runningAhead``).
    public var runningAhead: [Role]
    /// Blockers cited by exactly one role.
    public var unacknowledgedRisks: [UnacknowledgedRisk]
    /// Why ``unacknowledgedRisks`` could not be evaluated.
    public var unacknowledgedRiskReason: String?
    /// Local capability masquerading as collective preparedness.
    public var localCapability: LocalCapabilityCheck

    static func unavailable(organisation: String, wave: Wave, reason: String) -> OrganisationDiagnosticResult {
        let missing = DiagnosticComparison(value: nil, percentile: nil, cohortOrganisations: 0, reason: reason)
        return OrganisationDiagnosticResult(
            notice: OrganisationDiagnostic.notice, organisation: organisation, wave: wave, unavailableReason: reason,
            respondents: 0, roles: [], withinOrganisationGradient: missing, leadershipAlignment: missing,
            directionAgreement: nil, convictionAgreement: nil, alignment: [],
            runningAhead: [], unacknowledgedRisks: [], unacknowledgedRiskReason: reason,
            localCapability: LocalCapabilityCheck(organisationMean: nil, cohortMedianOfOrganisationMeans: nil, gradient: nil,
                                                  cohortGradientUpperQuartile: nil, flagged: nil, reason: reason))
    }
}

/// One role of the organisation against the cohort.
public struct DiagnosticRole: Codable, Sendable, Hashable {
    /// The role.
    public var role: Role
    /// The organisation's respondents of the role.
    public var respondents: Int
    /// The role's mean position x in the organisation (weighted), 0...100.
    public var position: Double
    /// Percentile (0...100) of ``position`` among the cohort's respondents of the role; `nil` when
    /// the cohort role does not pass the anonymity rule.
    public var cohortPercentile: Double?
    /// Why ``cohortPercentile`` is missing.
    public var percentileReason: String?
    /// The cohort RSI of the role, as given.
    public var cohortRSI: Double?
    /// ``position`` minus the organisation's median x (weighted lower median over its respondents).
    public var aboveOrganisationMedian: Double
    /// Mean of the organisation's alignment values of the pairs joining this role to another (0...1).
    public var meanAlignmentWithOthers: Double?
    /// Type-7 median over the cohort's organisations of the same quantity for this role.
    public var cohortMedianAlignmentWithOthers: Double?
    /// `true`: at least one stage step above the organisation's median and aligned with the others
    /// below the cohort median; `nil` when the alignment comparison is not available.
    public var runningAhead: Bool?
}

/// A value of the organisation and its place among the cohort's organisations.
public struct DiagnosticComparison: Codable, Sendable, Hashable {
    /// The organisation's value; `nil` when it has none (see ``reason``).
    public var value: Double?
    /// Mid-rank percentile 0...100 among the cohort's organisations (the organisation included).
    public var percentile: Double?
    /// Cohort organisations with a value.
    public var cohortOrganisations: Int
    /// Why a value or the comparison is missing.
    public var reason: String?
}

/// One role pair of the organisation beside the cohort map.
public struct DiagnosticPair: Codable, Sendable, Hashable {
    /// The first role of the pair (earlier in instrument order).
    public var roleA: Role
    /// The second role of the pair (equal to roleA on the diagonal).
    public var roleB: Role
    /// The organisation's alignment for the pair, 0...1.
    public var alignment: Double
    /// Per dimension, 1 − the organisation's mean distance (`nil` where no pair answered it).
    public var dimensions: [DiagnosticDimension]
    /// The cohort's A_ab (published or suppressed).
    public var cohort: Estimate
    /// Type-7 25th percentile of the cohort organisations' values for the pair (published pairs only).
    public var cohortLowerQuartile: Double?
    /// `true` when ``alignment`` is below ``cohortLowerQuartile``.
    public var belowCohortLowerQuartile: Bool?
}

/// One dimension of a diagnostic pair.
public struct DiagnosticDimension: Codable, Sendable, Hashable {
    /// The dimension.
    public var dimension: AlignmentDimension
    /// 1 − the organisation's mean distance on the dimension, 0...1; `nil` where no respondent pair answered it.
    public var alignment: Double?
}

/// A blocker only one role of the organisation cites.
public struct UnacknowledgedRisk: Codable, Sendable, Hashable {
    /// The blocker.
    public var blocker: Blocker
    /// The role.
    public var role: Role
}

/// The "local capability masquerading as collective preparedness" check.
public struct LocalCapabilityCheck: Codable, Sendable, Hashable {
    /// The organisation's mean x over its respondents (weighted), 0...100.
    public var organisationMean: Double?
    /// Type-7 median of the cohort organisations' mean x.
    public var cohortMedianOfOrganisationMeans: Double?
    /// The organisation's g_o.
    public var gradient: Double?
    /// Type-7 75th percentile of the cohort's g_o.
    public var cohortGradientUpperQuartile: Double?
    /// `true` when the mean is above the cohort median and g_o is in the top quartile.
    public var flagged: Bool?
    /// Why a value or the comparison is missing.
    public var reason: String?
}
