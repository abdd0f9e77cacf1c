import ComplexModule
import RealModule

/// The four maximally entangled polarization states of a photon pair.
public enum BellState: CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// |Φ+> = (|HH> + |VV>)/√2, the state an ideal quantum dot without fine-structure splitting emits.
    case phiPlus
    /// |Φ−> = (|HH> − |VV>)/√2.
    case phiMinus
    /// |Ψ+> = (|HV> + |VH>)/√2.
    case psiPlus
    /// |Ψ−> = (|HV> − |VH>)/√2, the singlet.
    case psiMinus

    /// The state vector in the basis |HH>, |HV>, |VH>, |VV>.
    public var vector: ComplexVector4 {
        let r = Complex(0.5.squareRoot())
        switch self {
        case .phiPlus: return ComplexVector4(r, .zero, .zero, r)
        case .phiMinus: return ComplexVector4(r, .zero, .zero, -r)
        case .psiPlus: return ComplexVector4(.zero, r, r, .zero)
        case .psiMinus: return ComplexVector4(.zero, r, -r, .zero)
        }
    }

    /// The signs (c_x, c_y, c_z) of |B><B| = (I⊗I + c_x σx⊗σx + c_y σy⊗σy + c_z σz⊗σz)/4.
    ///
    /// With E_DA = <σx⊗σx>, E_RL = <σy⊗σy> (the sign convention of R cancels in the product)
    /// and E_HV = <σz⊗σz>, the fidelity is F = (1 + c_x E_DA + c_y E_RL + c_z E_HV)/4; for |Φ+>
    /// this is the familiar F = (1 + V_HV + V_DA − V_RL)/4 (e.g. Hudson et al., PRL 99, 266802 (2007)).
    public var correlationSigns: (x: Double, y: Double, z: Double) {
        switch self {
        case .phiPlus: (1, -1, 1)
        case .phiMinus: (-1, 1, 1)
        case .psiPlus: (1, 1, -1)
        case .psiMinus: (-1, -1, -1)
        }
    }

    public var description: String {
        switch self {
        case .phiPlus: "Φ+"
        case .phiMinus: "Φ−"
        case .psiPlus: "Ψ+"
        case .psiMinus: "Ψ−"
        }
    }
}
