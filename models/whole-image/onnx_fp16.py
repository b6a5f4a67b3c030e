"""float16 weight storage for the exported models (whole-image and face): halves the files;
onnxruntime folds the Cast nodes back to float32 at load."""
import numpy as np
from onnx import TensorProto, helper, numpy_helper


def to_fp16_weights(model, keep_output='logit'):
    """Stores every large weight tensor (not biases) as float16 followed by a Cast back to float32,
    except the inputs of the Gemm/MatMul producing `keep_output`: that head carries the folded
    standardisation (w / sd), where float16 rounding moved logits by ~0.015; convolutions tolerate it."""
    g = model.graph
    keep = {i for n in g.node if n.op_type in ('Gemm', 'MatMul') and keep_output in n.output for i in n.input}
    new_inits, casts = [], []
    for init in list(g.initializer):
        a = numpy_helper.to_array(init)
        if a.dtype == np.float32 and a.ndim >= 2 and a.size >= 64 and init.name not in keep:
            h = numpy_helper.from_array(a.astype(np.float16), init.name + '_fp16')
            new_inits.append(h)
            casts.append(helper.make_node('Cast', [h.name], [init.name], to=TensorProto.FLOAT, name=init.name + '_cast'))
        else:
            new_inits.append(init)
    del g.initializer[:]
    g.initializer.extend(new_inits)
    nodes = list(g.node)
    del g.node[:]
    g.node.extend(casts + nodes)
    return model


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
