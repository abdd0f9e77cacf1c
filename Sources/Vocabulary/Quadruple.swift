/// A key of a `Quadruple`: exactly four cases with the raw values 0, 1, 2, 3.
public protocol QuadrupleKey: CaseIterable, Hashable, Sendable {
    /// 0 … 3.
    var rawValue: Int { get }
}

/// One value for each of four keys — the four detectors (`PerChannel`) or the four coincidence
/// pairs (`PerPair`) — stored inline, so counting into it in the real-time loop touches no heap.
public struct Quadruple<Key: QuadrupleKey, Value> {
    @usableFromInline var storage: InlineArray<4, Value>

    /// Every key holds `value`.
    @inlinable
    public init(repeating value: Value) { storage = InlineArray(repeating: value) }

    /// The values of the keys with raw values 0, 1, 2, 3, in that order.
    @inlinable
    public init(_ first: Value, _ second: Value, _ third: Value, _ fourth: Value) {
        storage = [first, second, third, fourth]
    }

    /// The values of `values`, in key order; nil unless there are exactly four.
    public init?(_ values: [Value]) {
        guard values.count == 4 else { return nil }
        self.init(values[0], values[1], values[2], values[3])
    }

    /// The value of `key`.
    @inlinable
    public subscript(key: Key) -> Value {
        get { storage[key.rawValue] }
        set { storage[key.rawValue] = newValue }
    }

    /// The four values in key order.
    public var values: [Value] { [storage[0], storage[1], storage[2], storage[3]] }
}

/// One value per detector channel (A+, A−, B+, B−).
public typealias PerChannel<Value> = Quadruple<DetectorChannel, Value>

/// One value per coincidence pair (A+B+, A+B−, A−B+, A−B−).
public typealias PerPair<Value> = Quadruple<DetectorPair, Value>

extension Quadruple: Sendable where Value: Sendable {}

extension Quadruple: Equatable where Value: Equatable {
    @inlinable
    public static func == (left: Self, right: Self) -> Bool {
        left.storage[0] == right.storage[0] && left.storage[1] == right.storage[1]
            && left.storage[2] == right.storage[2] && left.storage[3] == right.storage[3]
    }
}

extension Quadruple: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        for index in 0..<4 { hasher.combine(storage[index]) }
    }
}

extension Quadruple: CustomStringConvertible {
    /// The four values as a list, "[1, 0, 2, 0]".
    public var description: String { "\(values)" }
}

extension Quadruple where Value: AdditiveArithmetic {
    /// Every key zero.
    @inlinable
    public static var zero: Self { Self(repeating: .zero) }

    /// The sum of the four values.
    @inlinable
    public var sum: Value { storage[0] + storage[1] + storage[2] + storage[3] }

    /// Adds `right`'s values key by key.
    @inlinable
    public static func += (left: inout Self, right: Self) {
        for index in 0..<4 { left.storage[index] += right.storage[index] }
    }
}
