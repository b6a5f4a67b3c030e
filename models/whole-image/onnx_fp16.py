"""Cheaper weight storage for the exported models: float16 (whole-image and face) halves the files,
and `encode_initializers` is the one rewrite behind it (the closer look's uint8 codes use it too);
onnxruntime folds the rebuilding nodes back to float32 at load."""
import numpy as np
from onnx import TensorProto, helper, numpy_helper


def encode_initializers(model, encode):
    """Replaces initializers by a cheaper storage: `encode(init, array)` returns None (kept as is) or
    (stored initializers, nodes that rebuild the original name). The rebuilding nodes go first;
    onnxruntime folds them into float32 constants at load."""
    g = model.graph
    new_inits, nodes = [], []
    for init in list(g.initializer):
        out = encode(init, numpy_helper.to_array(init))
        if out is None:
            new_inits.append(init)
        else:
            new_inits += out[0]
            nodes += out[1]
    del g.initializer[:]
    g.initializer.extend(new_inits)
    rest = list(g.node)
    del g.node[:]
    g.node.extend(nodes + rest)
    return model


def to_fp16_weights(model, keep_output='logit'):
    """Stores every large weight tensor (not biases) as float16 followed by a Cast back to float32,
    except the inputs of the Gemm/MatMul producing `keep_output`: that head carries the folded
    standardisation (w / sd), where float16 rounding moved logits by ~0.015; convolutions tolerate it."""
    keep = {i for n in model.graph.node if n.op_type in ('Gemm', 'MatMul') and keep_output in n.output for i in n.input}

    def encode(init, a):
        if not (a.dtype == np.float32 and a.ndim >= 2 and a.size >= 64 and init.name not in keep):
            return None
        h = numpy_helper.from_array(a.astype(np.float16), init.name + '_fp16')
        return [h], [helper.make_node('Cast', [h.name], [init.name], to=TensorProto.FLOAT, name=init.name + '_cast')]

    return encode_initializers(model, encode)


def save_fp16(raw, out):
    """Checks the float32 export at `raw`, writes its float16-weight copy to `out`; returns
    (sorted op types, sha256 of `out`)."""
    import hashlib
    import onnx
    m = onnx.load(raw)
    onnx.checker.check_model(m)
    m16 = to_fp16_weights(m)
    onnx.checker.check_model(m16)
    onnx.save(m16, out)
    return sorted({n.op_type for n in m16.graph.node}), hashlib.sha256(open(out, 'rb').read()).hexdigest()
