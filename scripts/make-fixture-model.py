"""Writes test/fixtures/models/fixture-redness: a tiny ONNX model for TESTS ONLY.

It is not a detector. Its logit is 8 * (mean red - mean blue) of the 32x32 input, so a red image
scores ~1 and a blue image ~0. That lets end-to-end tests prove the whole model path (card →
preprocessing → onnxruntime-web → thresholds → band) with outcomes they can predict.
Run: /usr/bin/python3 scripts/make-fixture-model.py  (needs Debian's python3-onnx)
"""
import hashlib, json, os
import onnx
from onnx import TensorProto, helper

out_dir = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'models', 'fixture-redness')
os.makedirs(out_dir, exist_ok=True)

weights = helper.make_tensor('w', TensorProto.FLOAT, [3, 1], [8.0, 0.0, -8.0])
graph = helper.make_graph(
    [
        helper.make_node('ReduceMean', ['input'], ['means4'], axes=[2, 3], keepdims=0),
        helper.make_node('MatMul', ['means4', 'w'], ['logit']),
    ],
    'fixture_redness',
    [helper.make_tensor_value_info('input', TensorProto.FLOAT, [1, 3, 32, 32])],
    [helper.make_tensor_value_info('logit', TensorProto.FLOAT, [1, 1])],
    [weights],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)], producer_name='deepfake-radar-fixture')
model.ir_version = 8
onnx.checker.check_model(model)
path = os.path.join(out_dir, 'model.onnx')
onnx.save(model, path)
sha = hashlib.sha256(open(path, 'rb').read()).hexdigest()

card = {
    'id': 'fixture-redness',
    'name': 'Fixture: redness (test only)',
    'version': '1',
    'task': 'whole-image',
    'file': 'model.onnx',
    'sha256': sha,
    'input': {'name': 'input', 'width': 32, 'height': 32, 'layout': 'NCHW', 'scale': 1, 'mean': [0, 0, 0], 'std': [1, 1, 1], 'resize': 'area', 'fit': 'squash'},
    'output': {'name': 'logit', 'kind': 'sigmoid-logit', 'synthetic': 'high'},
    'thresholds': {
        'likely': {'conservative': 0.95, 'balanced': 0.9, 'aggressive': 0.8},
        'uncertain': {'conservative': 0.7, 'balanced': 0.6, 'aggressive': 0.55},
    },
    'licence': 'MIT',
    'trainingData': [],
    'fixture': True,
}
with open(os.path.join(out_dir, 'model.json'), 'w') as f:
    json.dump(card, f, indent=2)
    f.write('\n')
print('wrote', out_dir, sha)
