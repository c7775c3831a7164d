#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one pseudo-random generator of RoleLayer: xoshiro256** (Blackman & Vigna 2018,
/// "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021), seeded through
/// SplitMix64 (Steele, Lea & Flood 2014) so that any 64-bit seed gives a well-mixed state.
///
/// Independent streams: ``init(seed:stream:)`` mixes the stream number into the seed with
/// SplitMix64, so replicate `b` of a bootstrap draws from stream `b` whatever thread runs it,
/// and results do not depend on the number of threads. Analysis code never uses the system
/// random source.
///
/// The derived draws (``nextDouble()``, ``nextInt(below:)``) are defined here rather than through
/// the standard library's `random(in:using:)`, whose algorithm may change between toolchains,
/// so that the same seed gives byte-identical output on every Swift version.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline internal var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator for `seed`, stream 0.
    public init(seed: UInt64) { self.init(seed: seed, stream: 0) }

    /// A generator for `seed` and an independent `stream` (for example a replicate number).
    public init(seed: UInt64, stream: UInt64) {
        var sm = SplitMix64(state: seed)
        let base = sm.next()
        var mixer = SplitMix64(state: base ^ (stream &* 0xD1B5_4A32_D192_ED03) ^ 0x9E37_79B9_7F4A_7C15)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is the one fixed point
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// Rotation left by k, 0 < k < 64 (masking shifts: no range checks, always inlined).
    @usableFromInline @inline(__always)
    internal func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x &<< k) | (x &>> (64 &- k)) }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound (Lemire 2019, "Fast random integer generation in an
    /// interval", ACM TOMACS 29(1), unbiased). `bound` must be > 0.
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A standard normal draw (Box-Muller, Box & Muller 1958, one of the pair).
    public mutating func nextGaussian() -> Double {
        var u1 = nextDouble()
        while u1 <= 0 { u1 = nextDouble() }
        let u2 = nextDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `true` with probability `p` (clamped to 0...1).
    public mutating func nextBool(probability p: Double) -> Bool {
        nextDouble() < p
    }

    /// Shuffles `array` in place (Fisher-Yates, Durstenfeld 1964) with ``nextInt(below:)``: the
    /// steps ``shuffleStep(_:settling:)`` for i = count − 1 down to 1.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            for i in stride(from: buffer.count - 1, to: 0, by: -1) { _ = shuffleStep(buffer, settling: i) }
        }
    }

    /// One step of the Fisher-Yates shuffle of ``shuffle(_:)``: exchanges position `i` with a
    /// uniform position j in 0...i (j = ``nextInt(below:)`` of i + 1) and returns the element now at
    /// `i`. Calling it for i = count − 1, count − 2, ..., 1 in turn is ``shuffle(_:)`` (the same
    /// draws, the same permutation); position i then holds its final element, so a permutation
    /// statistic can be accumulated in the same pass (position 0 is final after the step i = 1).
    /// - Precondition: 0 < i < buffer.count.
    @inline(__always)
    public mutating func shuffleStep<T>(_ buffer: UnsafeMutableBufferPointer<T>, settling i: Int) -> T {
        let j = nextInt(below: i + 1)
        let element = buffer[j]
        buffer[j] = buffer[i]
        buffer[i] = element
        return element
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used only to seed ``RandomGenerator``.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
