import RealModule

/// The polarization correlations ⟨σ_i ⊗ σ_j⟩ of a photon pair of the X-state family, whose
/// single-photon Bloch vectors are zero: ρ = ¼(I⊗I + Σ T_ij σ_i⊗σ_j).
///
/// Bloch axes (``BlochVector``): x = D/A, y = L/R, z = H/V (H, D, L at +1; R = (|H⟩ − i|V⟩)/√2
/// at −1, James et al. 2001). For (|HH⟩ + e^{iφ}|VV⟩)/√2 one finds
/// T_xx = cos φ, T_yy = −cos φ, T_xy = T_yx = sin φ, T_zz = 1, so for φ = 0 (|Φ⁺⟩) linear analyzers
/// give E(θ_A, θ_B) = cos 2(θ_A − θ_B), D correlates with D, and R with L (E_RL = −1). A
/// mixture keeps this shape with the cos/sin terms scaled by the coherence and T_zz by the
/// population correlation.
public struct CorrelationTensor: Hashable, Sendable {
    /// d·cos φ: T_xx = d cos φ and T_yy = −d cos φ.
    public var coherenceCosine: Double
    /// d·sin φ: T_xy = T_yx = d sin φ.
    public var coherenceSine: Double
    /// T_zz: +1 when H and V are perfectly correlated, 0 for an unpolarized pair.
    public var populationCorrelation: Double

    /// The tensor with these three independent entries.
    @inlinable public init(coherenceCosine: Double, coherenceSine: Double, populationCorrelation: Double) {
        self.coherenceCosine = coherenceCosine
        self.coherenceSine = coherenceSine
        self.populationCorrelation = populationCorrelation
    }

    /// The maximally mixed pair: no correlation at all.
    public static let unpolarized = CorrelationTensor(coherenceCosine: 0, coherenceSine: 0, populationCorrelation: 0)

    /// E(a, b) = a·T·b = P(++) + P(−−) − P(+−) − P(−+) for analyzers whose + outputs have Bloch
    /// vectors a and b.
    @inlinable public func correlation(_ a: BlochVector, _ b: BlochVector) -> Double {
        coherenceCosine * (a.x * b.x - a.y * b.y)
            + coherenceSine * (a.x * b.y + a.y * b.x)
            + populationCorrelation * a.z * b.z
    }

    /// Born rule for the joint outcome: P(s_A, s_B) = ¼(1 + s_A s_B a·T·b), s = ±1, which follows
    /// from Tr[ρ (I + s_A a·σ)/2 ⊗ (I + s_B b·σ)/2] with zero local Bloch vectors.
    @inlinable public func jointProbability(plusA: Bool, plusB: Bool, _ a: BlochVector, _ b: BlochVector) -> Double {
        let signProduct: Double = plusA == plusB ? 1 : -1
        return 0.25 * (1 + signProduct * correlation(a, b))
    }

    /// Fidelity to |Φ⁺⟩ = (|HH⟩+|VV⟩)/√2: ⟨Φ⁺|ρ|Φ⁺⟩ = ¼(1 + T_xx − T_yy + T_zz).
    public var fidelityToPhiPlus: Double {
        0.25 * (1 + 2 * coherenceCosine + populationCorrelation)
    }

    /// Purity Tr ρ² = ¼(1 + Σ_ij T_ij²) = ¼(1 + T_zz² + 2d²), d² = (d cos φ)² + (d sin φ)²: with
    /// zero Bloch vectors ρ = ¼(I⊗I + Σ T_ij σ_i⊗σ_j), and Tr[(σ_i⊗σ_j)(σ_k⊗σ_l)] = 4δ_ik δ_jl.
    public var purity: Double {
        let coherenceSquared = coherenceCosine * coherenceCosine + coherenceSine * coherenceSine
        return 0.25 * (1 + populationCorrelation * populationCorrelation + 2 * coherenceSquared)
    }

    /// The largest CHSH S any analyzers reach on the state, S_max = 2√(m₁ + m₂) with m₁ ≥ m₂ the two
    /// largest eigenvalues of TᵀT (Horodecki, Horodecki & Horodecki, Phys. Lett. A 200, 340 (1995)).
    /// Here TᵀT = diag(d², d², T_zz²): the x–y block [[d cos φ, d sin φ], [d sin φ, −d cos φ]] is d
    /// times a reflection, so S_max = 2√(d² + max(d², T_zz²)); 2√2 for |Φ⁺⟩.
    public var maximalCHSH: Double {
        let coherenceSquared = coherenceCosine * coherenceCosine + coherenceSine * coherenceSine
        return 2 * (coherenceSquared + Swift.max(coherenceSquared, populationCorrelation * populationCorrelation)).squareRoot()
    }

    /// The tensor with every entry multiplied by `factor`: the pair mixed with white noise, weight
    /// 1 − `factor` (ρ → factor·ρ + (1 − factor)·I/4 scales T and leaves zero Bloch vectors zero).
    public func scaled(by factor: Double) -> CorrelationTensor {
        CorrelationTensor(coherenceCosine: factor * coherenceCosine, coherenceSine: factor * coherenceSine,
                          populationCorrelation: factor * populationCorrelation)
    }

    /// Wootters concurrence of the X state: C = 2 max(0, |ρ_HH,VV| − √(ρ_HV,HV ρ_VH,VH))
    /// = max(0, d − ½(1 − T_zz)) with d = √(cos² + sin² terms) (Wootters, PRL 80, 2245 (1998)).
    public var concurrence: Double {
        let coherence = (coherenceCosine * coherenceCosine + coherenceSine * coherenceSine).squareRoot()
        return Swift.max(0, coherence - 0.5 * (1 - populationCorrelation))
    }
}
