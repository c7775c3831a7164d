import Testing
@testable import RoleLayerCore

/// The specialised serial paths of the analysis (table build, cells, the joint permutation test's
/// kernels) against the plain definitions they replace: the same values, bit for bit.
struct SerialPathTests {
    static let instrument = Instrument.default
    static let waves = ["2026-Q3", "2026-Q1", "2026-Q2"].map { Wave(parsing: $0)! }

    /// A random panel: organisations in runs and interleaved, lone respondents, unknown codes in
    /// set answers and priority lists, org_stage sometimes given (and sometimes conflicting), segments.
    static func responses(seed: UInt64, count: Int) -> [Response] {
        var g = RandomGenerator(seed: seed)
        let roles = instrument.roles.codes.map { Role($0) } + [Role("unknown_role")]
        let blockers = instrument.blockers.codes.map { Blocker($0) } + [Blocker("not_a_blocker")]
        let priorities = instrument.priorities.codes.map { Priority($0) } + [Priority("not_a_priority")]
        func pick<T>(_ xs: [T]) -> T { xs[g.nextInt(below: xs.count)] }
        func maybe<T>(_ p: Double, _ make: () -> T) -> T? { g.nextDouble() < p ? make() : nil }
        var out: [Response] = []
        var org = 0
        for i in 0..<count {
            if g.nextDouble() < 0.2 { org = g.nextInt(below: 40) }
            let lone = g.nextDouble() < 0.05
            var r = Response(respondentID: "r\(i)", organisationID: lone ? nil : "org-\(org)", wave: pick(waves),
                             role: pick(roles), stage: Stage(g.nextInt(below: 7))!)
            r.confidence = maybe(0.9) { 1 + g.nextInt(below: 7) }
            r.preparedness = maybe(0.9) { 1 + g.nextInt(below: 7) }
            r.blockers = maybe(0.8) { (0..<g.nextInt(below: 4)).map { _ in pick(blockers) } }
            r.primaryBlocker = maybe(0.5) { pick(blockers) }
            r.priorities = maybe(0.8) { (0..<g.nextInt(below: 5)).map { _ in pick(priorities) } }
            r.ownership = maybe(0.8) { [Ownership.shared, .unclear, .role(pick(roles))][g.nextInt(below: 3)] }
            r.direction = maybe(0.8) { Direction(g.nextInt(below: 5) - 2)! }
            r.influences = maybe(0.7) { (0..<g.nextInt(below: 3)).map { _ in pick(roles) } }
            r.signoff = maybe(0.7) { (0..<g.nextInt(below: 3)).map { _ in pick(roles) } }
            r.orgStage = maybe(0.3) { Stage(2 + g.nextInt(below: 2))! }
            r.sector = maybe(0.9) { pick(["retail", "banking", " Retail", "energy"]) }
            r.sizeBand = maybe(0.9) { pick(["sme", "large"]) }
            r.region = maybe(0.5) { pick(["europe", "asia"]) }
            r.weight = 0.5 + g.nextDouble()
            out.append(r)
        }
        return out
    }

    /// The table's columns as the plain definitions give them (instrument lookups per code).
    @Test func tableMatchesDefinitions() {
        let rs = Self.responses(seed: 3, count: 3000)
        let t = ResponseTable(responses: rs, instrument: Self.instrument)
        let kept = rs.filter { Self.instrument.index(of: $0.role) != nil }
        #expect(t.excludedCount == rs.count - kept.count && t.excludedCount > 0)
        #expect(t.count == kept.count)
        #expect(t.waves == Self.waves.sorted())
        var clusterOf: [String: Int32] = [:]
        var nextCluster: Int32 = 0
        var values: [SegmentKey: [String]] = [.sector: [], .sizeBand: [], .region: []]
        let k = t.maximumPriorities
        func mask<T>(_ items: [T]?, _ index: (T) -> Int?) -> UInt64 {
            (items ?? []).reduce(0) { m, x in index(x).map { m | 1 << UInt64($0) } ?? m }
        }
        for (i, r) in kept.enumerated() {
            #expect(t.waves[Int(t.wave[i])] == r.wave)
            let c: Int32
            if let o = r.organisationID {
                if clusterOf[o] == nil { clusterOf[o] = nextCluster; nextCluster += 1 }
                c = clusterOf[o]!
            } else {
                c = nextCluster; nextCluster += 1
            }
            #expect(t.cluster[i] == c)
            #expect(t.clusterKeys[Int(c)] == r.organisationID)
            #expect(Int(t.role[i]) == Self.instrument.index(of: r.role)!)
            #expect(t.blockers[i] == mask(r.blockers) { Self.instrument.index(of: $0) })
            #expect(t.blockersAnswered[i] == (r.blockers != nil))
            #expect(Int(t.primaryBlocker[i]) == (r.primaryBlocker.flatMap { Self.instrument.index(of: $0) } ?? -1))
            let list = r.priorities.map { Array($0.compactMap { Self.instrument.index(of: $0) }.prefix(k)) }
            #expect(Int(t.priorityCount[i]) == (list?.count ?? -1))
            #expect((0..<k).map { Int(t.priorities[i * k + $0]) } == (0..<k).map { j in list.flatMap { j < $0.count ? $0[j] : nil } ?? -1 })
            let owner: Int = switch r.ownership {
            case nil: -1
            case .shared: Self.instrument.roles.count
            case .unclear: Self.instrument.roles.count + 1
            case .role(let o): Self.instrument.index(of: o) ?? -1
            }
            #expect(Int(t.ownership[i]) == owner)
            #expect(t.influences[i] == mask(r.influences) { Self.instrument.index(of: $0) })
            #expect(t.signoff[i] == mask(r.signoff) { Self.instrument.index(of: $0) })
            #expect(t.signoffAnswered[i] == (r.signoff != nil))
            #expect(t.weight[i] == r.weight)
            for (key, value) in [(SegmentKey.sector, r.sector), (.sizeBand, r.sizeBand), (.region, r.region)] {
                if let value {
                    if !values[key]!.contains(value) { values[key]!.append(value) }
                    #expect(t.segmentValues[key]![Int(t.segments[key]![i])] == value)
                } else {
                    #expect(t.segments[key]![i] == -1)
                }
            }
        }
        #expect(t.clusterCount == Int(nextCluster))
        #expect(t.segmentValues == values)
    }

    /// Cells: the same rows, local clusters, maturity and conflicts as the plain definition
    /// (floored median per cluster over the whole wave, then the filter), for every wave and filter.
    @Test func cellsMatchDefinition() {
        let t = ResponseTable(responses: Self.responses(seed: 4, count: 3000), instrument: Self.instrument)
        let filters = [SegmentFilter(), SegmentFilter(values: [.sector: "retail"]), SegmentFilter(orgStage: 2),
                       SegmentFilter(values: [.sizeBand: "sme"], orgStage: 3)]
        for filter in filters {
            let cells = t.waves.indices.map { Cell(table: t, waveIndex: $0, filter: filter) }
            for w in t.waves.indices {
                var stages: [Int32: [Int8]] = [:], given: [Int32: [Int8]] = [:]
                for i in 0..<t.count where t.wave[i] == Int32(w) {
                    stages[t.cluster[i], default: []].append(t.stage[i])
                    if t.orgStage[i] >= 0 { given[t.cluster[i], default: []].append(t.orgStage[i]) }
                }
                var conflicts = 0
                var maturity: [Int32: Int8] = [:]
                for (c, s) in stages {
                    if let g = given[c] {
                        maturity[c] = Cell.flooredMedian(g)
                        if Set(g).count > 1 { conflicts += 1 }
                    } else {
                        maturity[c] = Cell.flooredMedian(s)
                    }
                }
                var rows: [Int32] = [], clusters: [Int32] = []
                for i in 0..<t.count where t.wave[i] == Int32(w) && filter.matches(row: i, table: t, maturity: maturity[t.cluster[i]]!) {
                    rows.append(Int32(i))
                    if !clusters.contains(t.cluster[i]) { clusters.append(t.cluster[i]) }
                }
                let cell = cells[w]
                #expect(cell.rows == rows)
                #expect(cell.clusters == clusters)
                #expect(cell.localCluster == rows.map { r in Int32(clusters.firstIndex(of: t.cluster[Int(r)])!) })
                #expect(cell.maturity == clusters.map { maturity[$0]! })
                #expect(cell.maturityConflicts == conflicts)
                let previous = Cell.previous(of: cell, among: cells, table: t, filter: filter)
                let built = Cell.previous(of: cell, among: [], table: t, filter: filter)
                #expect(previous?.waveIndex == (w > 0 ? w - 1 : nil))
                #expect(previous?.rows == built?.rows && previous?.maturity == built?.maturity)
            }
        }
        var g = RandomGenerator(seed: 9)
        for _ in 0..<200 {
            let values = (0..<(1 + g.nextInt(below: 9))).map { _ in Int8(g.nextInt(below: 7)) }
            var counts = [Int32](repeating: 0, count: 7)
            for v in values { counts[Int(v)] += 1 }
            #expect(Cell.flooredMedian(counts: counts[...]) == Cell.flooredMedian(values))
        }
    }

    /// The statistic-only chi-square equals the kernel's statistic bit for bit, and is nil exactly
    /// where the kernel throws.
    @Test func chiSquareStatisticMatchesKernel() {
        var g = RandomGenerator(seed: 21)
        for trial in 0..<500 {
            let c = 1 + g.nextInt(below: 8)
            let t = (0..<c).map { _ in g.nextInt(below: 4) == 0 ? 0 : g.nextInt(below: trial % 2 == 0 ? 40 : 40_000) }
            let x = t.map { $0 == 0 ? 0 : g.nextInt(below: $0 + 1) }
            let kernel = try? ChiSquare.independence([x.map(Double.init), zip(t, x).map { Double($0 - $1) }]).statistic
            let fast = x.withUnsafeBufferPointer { xb in t.withUnsafeBufferPointer { ChiSquare.independenceStatistic(x: xb, t: $0) } }
            #expect(fast?.bitPattern == kernel?.bitPattern)
        }
    }

    /// Fisher-Yates steps from the last position down are the shuffle: the same permutation, and
    /// each step returns the element that stays at its position.
    @Test func shuffleStepsAreTheShuffle() {
        for n in [2, 3, 10, 257, 5000] {
            let original = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            var shuffled = original
            var g1 = RandomGenerator(seed: 5, stream: UInt64(n))
            g1.shuffle(&shuffled)
            var stepped = original
            var g2 = RandomGenerator(seed: 5, stream: UInt64(n))
            var settled = [UInt8](repeating: 0, count: n)
            stepped.withUnsafeMutableBufferPointer { b in
                for i in stride(from: n - 1, to: 0, by: -1) { settled[i] = g2.shuffleStep(b, settling: i) }
                settled[0] = b[0]
            }
            #expect(stepped == shuffled)
            #expect(settled == shuffled)
            #expect(g1.next() == g2.next())
        }
    }

    /// The scratch form of the permutation test gives the generator form's result, for any number
    /// of work items.
    @Test func scratchFormMatchesGeneratorForm() throws {
        let labels: [UInt8] = (0..<200).map { UInt8($0 % 3) }
        let values = (0..<200).map { Double(($0 * 37) % 11) }
        @Sendable func statistic(_ l: [UInt8]) -> Double {
            var s = 0.0
            for (i, x) in l.enumerated() where x == 0 { s += values[i] }
            return s
        }
        let reference = try PermutationTest(permutations: 199, seed: 2).run(observed: statistic(labels)) { g in
            var l = labels
            g.shuffle(&l)
            return statistic(l)
        }
        for workers in [1, 3, 64] {
            var test = PermutationTest(permutations: 199, seed: 2)
            test.workerCount = workers
            let r = try test.run(observed: statistic(labels), scratch: { [UInt8]() }) { g, scratch in
                scratch = labels
                g.shuffle(&scratch)
                return statistic(scratch)
            }
            #expect(r == reference)
        }
    }
}
