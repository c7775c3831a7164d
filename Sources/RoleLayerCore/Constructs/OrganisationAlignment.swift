/// Role-pair alignment inside each organisation of one cell (constructs.md §4 and the settled
/// convention "Pairs and anonymity"): the organisation's value for a role pair (a, b) is the mean
/// pair alignment A_ij over all its respondent pairs of roles a and b (i ≠ j; for a = b the
/// within-role pairs), so each organisation counts once in the cohort map.
///
/// Computed once per cell in O(Σ_o m_o²) pair evaluations (m_o ≤ ~10 respondents per organisation),
/// then kept as a compressed list per organisation of (pair, value) so that a bootstrap replicate
/// costs O(entries), not O(respondents). Lone respondents (no organisation) have no pairs.
///
/// Pairs are unordered role pairs a ≤ b (instrument order), indexed by ``pairIndex(_:_:)``:
/// R(R + 1)/2 of them, the diagonal included.
struct OrganisationAlignment: Sendable {
    /// Number of roles R of the instrument.
    let roleCount: Int
    /// Number of unordered role pairs, diagonal included: R(R + 1)/2.
    let pairCount: Int
    /// (a, b) of each pair index, a ≤ b.
    let pairRoles: [(Int, Int)]
    /// The cell's respondents grouped by local cluster.
    let members: ClusterMembers
    /// The pair distances of the cell's respondents (by position in ``Cell/rows``).
    let distance: PairDistance
    /// Role index per cell position.
    let role: [Int16]
    /// Per local cluster: `true` for a real organisation.
    let isOrganisation: [Bool]

    /// Start of each local cluster's entries; count = clusterCount + 1.
    let entryStart: [Int32]
    /// Pair index of each entry (ascending within a cluster).
    let entryPair: [UInt16]
    /// The organisation's alignment for the pair, 0...1.
    let entryValue: [Double]

    /// Leadership alignment A_o per local cluster: mean of the organisation's values over the role
    /// pairs a ≠ b present; valid where ``leadershipDefined``.
    let leadership: [Double]
    /// Whether A_o is defined (the organisation has at least one pair of different roles with a
    /// dimension both answered).
    let leadershipDefined: [Bool]
    /// Roles present per local cluster (bit = role index).
    let rolesPresent: [UInt64]

    /// Σ over organisations of the organisation's value, per pair.
    let pairSum: [Double]
    /// Organisations contributing to each pair.
    let pairOrganisations: [Int]
    /// Distinct respondents contributing to each pair (each respondent of role a or b with at least
    /// one defined pair of the two roles in its organisation).
    let pairRespondents: [Int]
    /// Σ over organisations of the organisation's mean distance, per (pair × 5 + dimension).
    let dimensionSum: [Double]
    /// Organisations contributing, per (pair × 5 + dimension).
    let dimensionOrganisations: [Int]
    /// Respondents contributing, per (pair × 5 + dimension).
    let dimensionRespondents: [Int]
    /// Respondent pairs of the two roles inside one organisation (answered or not), per pair:
    /// subtracted from all pairs to count the cross-organisation pairs of the chance baseline.
    let sameOrganisationPairs: [Int]
    /// Organisations (real ones) in the cell with two or more roles present.
    let organisationsWithTwoRoles: Int

    /// Index of the unordered pair {a, b}.
    @inline(__always)
    static func pairIndex(_ a: Int, _ b: Int, roleCount r: Int) -> Int {
        let (x, y) = a <= b ? (a, b) : (b, a)
        return x * r - x * (x - 1) / 2 + (y - x)
    }

    /// Index of the unordered pair {a, b}.
    @inline(__always)
    func pairIndex(_ a: Int, _ b: Int) -> Int { Self.pairIndex(a, b, roleCount: roleCount) }

    /// Evaluates every within-organisation respondent pair of `cell`.
    init(table: ResponseTable, cell: Cell) {
        let r = table.roleCount
        roleCount = r
        let p = r * (r + 1) / 2
        pairCount = p
        var roles: [(Int, Int)] = []
        roles.reserveCapacity(p)
        for a in 0..<r { for b in a..<r { roles.append((a, b)) } }
        pairRoles = roles
        let members = ClusterMembers(cell: cell)
        self.members = members
        let distance = PairDistance(table: table, rows: cell.rows, clusters: cell.localCluster)
        self.distance = distance
        let role = cell.rows.map { table.role[Int($0)] }
        self.role = role
        let g = cell.clusterCount
        let isOrg = cell.clusters.map { table.clusterIsOrganisation[Int($0)] }
        isOrganisation = isOrg

        var entryStart = [Int32](repeating: 0, count: g + 1)
        var entryPair: [UInt16] = []
        var entryValue: [Double] = []
        var leadership = [Double](repeating: 0, count: g)
        var leadershipDefined = [Bool](repeating: false, count: g)
        var rolesPresent = [UInt64](repeating: 0, count: g)
        var pairSum = [Double](repeating: 0, count: p)
        var pairOrgs = [Int](repeating: 0, count: p)
        var pairResp = [Int](repeating: 0, count: p)
        var dimSum = [Double](repeating: 0, count: p * 5)
        var dimOrgs = [Int](repeating: 0, count: p * 5)
        var dimResp = [Int](repeating: 0, count: p * 5)
        var samePairs = [Int](repeating: 0, count: p)
        var twoRoles = 0

        // Scratch, reset after each organisation (only the touched entries).
        var accValue = [Double](repeating: 0, count: p)
        var accCount = [Int32](repeating: 0, count: p)
        var accDim = [SIMD8<Double>](repeating: .zero, count: p)
        var accDimCount = [SIMD8<Double>](repeating: .zero, count: p)
        var touched: [Int] = []
        var roleMask: [UInt64] = []  // per member: roles it has a defined pair with
        var dimMask: [UInt64] = []   // per member × 5
        let laneOfBit: [SIMD8<Double>] = (0..<32).map { bits in
            var v = SIMD8<Double>.zero
            for d in 0..<5 where bits & (1 << d) != 0 { v[d] = 1 }
            return v
        }

        for c in 0..<g {
            let mem = members.members(c)
            var present: UInt64 = 0
            for x in mem { present |= 1 << UInt64(role[Int(x)]) }
            rolesPresent[c] = present
            guard isOrg[c] else {
                entryStart[c + 1] = Int32(entryPair.count)
                continue
            }
            if present.nonzeroBitCount >= 2 { twoRoles += 1 }
            let m = mem.count
            if m < 2 {
                entryStart[c + 1] = Int32(entryPair.count)
                continue
            }
            if roleMask.count < m {
                roleMask = [UInt64](repeating: 0, count: m)
                dimMask = [UInt64](repeating: 0, count: m * 5)
            }
            let base = mem.startIndex
            for x in 0..<m {
                let i = Int(mem[base + x])
                let ra = Int(role[i])
                for y in (x + 1)..<m {
                    let j = Int(mem[base + y])
                    let rb = Int(role[j])
                    let key = Self.pairIndex(ra, rb, roleCount: r)
                    samePairs[key] += 1
                    let d = distance.distances(i, j)
                    guard let a = PairDistance.alignment(d) else { continue }
                    if accCount[key] == 0 { touched.append(key) }
                    accValue[key] += a
                    accCount[key] += 1
                    accDim[key] += d.values
                    accDimCount[key] += laneOfBit[Int(d.defined)]
                    roleMask[x] |= 1 << UInt64(rb)
                    roleMask[y] |= 1 << UInt64(ra)
                    for dim in 0..<5 where d.defined & (1 << dim) != 0 {
                        dimMask[x * 5 + dim] |= 1 << UInt64(rb)
                        dimMask[y * 5 + dim] |= 1 << UInt64(ra)
                    }
                }
            }
            touched.sort()
            var leadSum = 0.0, leadCount = 0
            for key in touched {
                let v = accValue[key] / Double(accCount[key])
                entryPair.append(UInt16(key))
                entryValue.append(v)
                pairSum[key] += v
                pairOrgs[key] += 1
                let (ka, kb) = roles[key]
                if ka != kb { leadSum += v; leadCount += 1 }
                for dim in 0..<5 where accDimCount[key][dim] > 0 {
                    dimSum[key * 5 + dim] += accDim[key][dim] / accDimCount[key][dim]
                    dimOrgs[key * 5 + dim] += 1
                }
                accValue[key] = 0
                accCount[key] = 0
                accDim[key] = .zero
                accDimCount[key] = .zero
            }
            touched.removeAll(keepingCapacity: true)
            if leadCount > 0 {
                leadership[c] = leadSum / Double(leadCount)
                leadershipDefined[c] = true
            }
            for x in 0..<m {
                let ra = Int(role[Int(mem[base + x])])
                var bits = roleMask[x]
                while bits != 0 {
                    let b = bits.trailingZeroBitCount
                    pairResp[Self.pairIndex(ra, b, roleCount: r)] += 1
                    bits &= bits - 1
                }
                roleMask[x] = 0
                for dim in 0..<5 {
                    var bits = dimMask[x * 5 + dim]
                    while bits != 0 {
                        let b = bits.trailingZeroBitCount
                        dimResp[Self.pairIndex(ra, b, roleCount: r) * 5 + dim] += 1
                        bits &= bits - 1
                    }
                    dimMask[x * 5 + dim] = 0
                }
            }
            entryStart[c + 1] = Int32(entryPair.count)
        }
        self.entryStart = entryStart
        self.entryPair = entryPair
        self.entryValue = entryValue
        self.leadership = leadership
        self.leadershipDefined = leadershipDefined
        self.rolesPresent = rolesPresent
        self.pairSum = pairSum
        pairOrganisations = pairOrgs
        pairRespondents = pairResp
        dimensionSum = dimSum
        dimensionOrganisations = dimOrgs
        dimensionRespondents = dimResp
        sameOrganisationPairs = samePairs
        organisationsWithTwoRoles = twoRoles
    }

    /// The organisation's value for pair `key`, or `nil` when it has none.
    func value(cluster c: Int, pair key: Int) -> Double? {
        for e in Int(entryStart[c])..<Int(entryStart[c + 1]) where Int(entryPair[e]) == key {
            return entryValue[e]
        }
        return nil
    }

    /// The organisation's per-dimension alignment (1 − mean distance over its respondent pairs of
    /// the two roles) for every pair it has, recomputed from the respondents (for one organisation's
    /// diagnostic). Lanes 0...4 follow ``AlignmentDimension/allCases``; `defined` bit d is set where
    /// some respondent pair answered dimension d.
    func dimensionDetail(cluster c: Int) -> [(pair: Int, alignment: SIMD8<Double>, defined: UInt8)] {
        let mem = members.members(c)
        var sums: [Int: (SIMD8<Double>, SIMD8<Double>)] = [:]
        let base = mem.startIndex
        for x in 0..<mem.count {
            let i = Int(mem[base + x])
            for y in (x + 1)..<mem.count {
                let j = Int(mem[base + y])
                let d = distance.distances(i, j)
                guard d.defined != 0 else { continue }
                let key = pairIndex(Int(role[i]), Int(role[j]))
                var counts = SIMD8<Double>.zero
                for dim in 0..<5 where d.defined & (1 << dim) != 0 { counts[dim] = 1 }
                let old = sums[key] ?? (.zero, .zero)
                sums[key] = (old.0 + d.values, old.1 + counts)
            }
        }
        return sums.keys.sorted().map { key in
            let (s, n) = sums[key]!
            var a = SIMD8<Double>.zero
            var defined: UInt8 = 0
            for dim in 0..<5 where n[dim] > 0 {
                a[dim] = 1 - s[dim] / n[dim]
                defined |= 1 << dim
            }
            return (key, a, defined)
        }
    }
}
