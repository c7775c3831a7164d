import PropertyBased
import Testing
@testable import RoleLayerCore

/// PageRank: oracle O16, the invariants, and invalid input.
struct PageRankTests {
    /// O16's Langville & Meyer 6-node graph (nodes 1...6 as 0...5); node 2 is dangling.
    static let langvilleMeyer: [[Double]] = {
        var w = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)
        for (a, b) in [(1, 2), (1, 3), (3, 1), (3, 2), (3, 5), (4, 5), (4, 6), (5, 4), (5, 6), (6, 4)] { w[a - 1][b - 1] = 1 }
        return w
    }()

    /// O16 [pub]: damping 0.9, uniform dangling, to 1e-6 (networkx test_pagerank.py).
    @Test func oracleO16Damping09() throws {
        let p = try PageRank.scores(weights: Self.langvilleMeyer, damping: 0.9)
        expectClose(p, [0.03721197, 0.05395735, 0.04150565, 0.37508082, 0.20599833, 0.28624589], 1e-6)
    }

    /// O16 [pub]: damping 0.85, dangling vector {1: 2, 2: 3} normalised, to 1e-6.
    @Test func oracleO16CustomDangling() throws {
        let p = try PageRank.scores(weights: Self.langvilleMeyer, damping: 0.85, dangling: .custom([2, 3, 0, 0, 0, 0]))
        expectClose(p, [0.10844518, 0.18618601, 0.0710892, 0.2683668, 0.15919783, 0.20671497], 1e-6)
    }

    /// O16 [calc]: damping 0.85, uniform dangling, to 1e-6.
    @Test func oracleO16Default() throws {
        let p = try PageRank.scores(weights: Self.langvilleMeyer)
        expectClose(p, [0.05170475, 0.07367926, 0.05741241, 0.34870369, 0.19990381, 0.26859608], 1e-6)
    }

    /// Rows are normalised: scaling a source's weights (a prolific nominator) changes nothing.
    @Test func rowScalingInvariance() throws {
        var w = Self.langvilleMeyer
        w[3] = w[3].map { $0 * 7 }
        w[0][1] = 3  // uneven split of node 1's weight
        let p = try PageRank.scores(weights: w)
        var v = w
        v[0] = v[0].map { $0 * 0.25 }
        expectClose(try PageRank.scores(weights: v), p, 1e-13)
    }

    /// Edge cases: empty graph gives [], one node [1], all nodes dangling the uniform vector.
    @Test func edgeCases() throws {
        #expect(try PageRank.scores(weights: []) == [])
        #expect(try PageRank.scores(weights: [[0]]) == [1])
        expectClose(try PageRank.scores(weights: [[0, 0, 0], [0, 0, 0], [0, 0, 0]]), [1.0 / 3, 1.0 / 3, 1.0 / 3], 1e-15)
        // Damping 0: the teleport alone.
        expectClose(try PageRank.scores(weights: [[0, 1], [0, 0]], damping: 0), [0.5, 0.5], 1e-15)
    }

    /// Invalid input throws with a reason: self-loop, negative or NaN weight, ragged rows, bad damping,
    /// bad dangling vector, no convergence.
    @Test func invalidInputThrows() {
        #expect(throws: StatisticError.self) { try PageRank.scores(weights: [[1, 1], [1, 0]]) }
        #expect(throws: StatisticError.self) { try PageRank.scores(weights: [[0, -1], [1, 0]]) }
        #expect(throws: StatisticError.nonFinite) { try PageRank.scores(weights: [[0, .nan], [1, 0]]) }
        #expect(throws: StatisticError.self) { try PageRank.scores(weights: [[0, 1], [1]]) }
        #expect(throws: StatisticError.self) { try PageRank.scores(weights: [[0, 1], [1, 0]], damping: 1) }
        #expect(throws: StatisticError.self) { try PageRank.scores(weights: [[0, 1], [0, 0]], dangling: .custom([0, 0])) }
        #expect(throws: StatisticError.self) { try PageRank.scores(weights: [[0, 1], [0, 0]], dangling: .custom([1])) }
        #expect(throws: StatisticError.self) {
            try PageRank.scores(weights: Self.langvilleMeyer, tolerance: 1e-300, maximumIterations: 3)
        }
        do {
            _ = try PageRank.scores(weights: [[0, 1], [2, 3]])
        } catch {
            #expect(error.reason.contains("self-loop"))
        }
    }

    /// A random nomination-like weight matrix (zero diagonal, some dangling rows) from a seed.
    static func randomWeights(_ n: Int, seed: UInt64) -> [[Double]] {
        var g = RandomGenerator(seed: seed)
        var w = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n where g.nextDouble() > 0.2 {
            for j in 0..<n where i != j && g.nextDouble() < 0.4 { w[i][j] = g.nextDouble() }
        }
        return w
    }

    /// Property: scores are positive and sum to 1; relabelling the nodes permutes the scores alike.
    @Test func sumsToOneAndRelabellingInvariant() async {
        await propertyCheck(count: 60, input: Gen.int(in: 1...12), Gen.uint64()) { n, seed in
            let w = Self.randomWeights(n, seed: seed)
            guard let p = try? PageRank.scores(weights: w) else { Issue.record("threw"); return }
            #expect(abs(p.reduce(0, +) - 1) < 1e-12)
            #expect(p.allSatisfy { $0 > 0 })
            var g = RandomGenerator(seed: seed, stream: 1)
            var perm = Array(0..<n)
            g.shuffle(&perm)  // node i is relabelled perm[i]
            var v = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for i in 0..<n { for j in 0..<n { v[perm[i]][perm[j]] = w[i][j] } }
            guard let q = try? PageRank.scores(weights: v) else { Issue.record("threw"); return }
            for i in 0..<n { #expect(abs(q[perm[i]] - p[i]) < 1e-10) }
        }
    }

    /// The fixed point holds: x = α(xP + dangling mass / N) + (1 − α)/N to 1e-12.
    @Test func fixedPoint() throws {
        for seed in UInt64(0)..<20 {
            let w = Self.randomWeights(9, seed: seed)
            let x = try PageRank.scores(weights: w)
            var y = [Double](repeating: 0.15 / 9, count: 9)
            for i in 0..<9 {
                let total = w[i].reduce(0, +)
                for j in 0..<9 { y[j] += 0.85 * x[i] * (total > 0 ? w[i][j] / total : 1.0 / 9) }
            }
            expectClose(y, x, 1e-11)
        }
    }
}
