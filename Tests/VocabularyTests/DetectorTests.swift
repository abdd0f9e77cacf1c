import Testing
import Vocabulary

/// Channels and pairs: arm, output, the numbers files use, the names people read.
@Suite struct DetectorTests {
    @Test func channelsAreArmAndOutput() {
        #expect(DetectorChannel.allCases.map(\.rawValue) == [0, 1, 2, 3])
        #expect(DetectorChannel.allCases.map(\.arm) == [.a, .a, .b, .b])
        #expect(DetectorChannel.allCases.map(\.output) == [.plus, .minus, .plus, .minus])
        for channel in DetectorChannel.allCases {
            #expect(DetectorChannel(arm: channel.arm, output: channel.output) == channel)
        }
        #expect(DetectorChannel.allCases.map(\.label) == ["A+", "A-", "B+", "B-"])
        #expect(DetectorChannel.allCases.map(\.description) == ["A+", "A−", "B+", "B−"])
        #expect(DetectorChannel.allCases.map(\.stationKey) == ["a-plus", "a-minus", "b-plus", "b-minus"])
    }

    @Test func pairsJoinOneDetectorOfEachArm() {
        #expect(DetectorPair.allCases.map(\.channelA) == [.aPlus, .aPlus, .aMinus, .aMinus])
        #expect(DetectorPair.allCases.map(\.channelB) == [.bPlus, .bMinus, .bPlus, .bMinus])
        #expect(DetectorPair.allCases.map(\.label) == ["A+B+", "A+B-", "A-B+", "A-B-"])
        #expect(DetectorPair.allCases.map(\.isSameOutput) == [true, false, false, true])
        #expect(DetectorPair(.minus, .plus) == .minusPlus)
    }

    @Test func quadruplesAddAndCompareKeyByKey() {
        var a = PerChannel<Int>(1, 2, 3, 4)
        a += PerChannel(10, 20, 30, 40)
        #expect(a.values == [11, 22, 33, 44])
        #expect(a[.bPlus] == 33)
        #expect(a.sum == 110)
        #expect(a != PerChannel(11, 22, 33, 45))
        #expect(PerPair<Int>([1, 2, 3]) == nil)
        #expect(PerPair<Int>([1, 2, 3, 4])?[.minusMinus] == 4)
        #expect("\(PerChannel<Int>(3810, 3841, 3861, 3829))" == "[3810, 3841, 3861, 3829]")
    }

    @Test func basisCodesByArm() {
        let codes = BasisCodes(armA: 3, armB: 1)
        #expect(codes[.a] == 3 && codes[.b] == 1)
        #expect(codes.description == "A3/B1")
    }
}
