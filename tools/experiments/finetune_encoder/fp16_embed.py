"""Store the (unquantized) word-embedding table of an ONNX model as fp16 + Cast, to shrink it."""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

src, dst = sys.argv[1], sys.argv[2]
m = onnx.load(src)
g = m.graph
big = [
    i
    for i in g.initializer
    if len(i.dims) == 2 and i.dims[0] > 10000 and i.data_type == TensorProto.FLOAT
]
for init in big:
    arr = numpy_helper.to_array(init).astype(np.float16)
    new = numpy_helper.from_array(arr, init.name)
    init.CopyFrom(new)
    for k, n in enumerate(list(g.node)):
        if n.op_type == "Gather" and n.input[0] == init.name:
            out = n.output[0]
            n.output[0] = out + "_fp16"
            g.node.insert(
                k + 1,
                helper.make_node(
                    "Cast", [out + "_fp16"], [out], to=TensorProto.FLOAT, name=n.name + "_cast"
                ),
            )
    print("fp16:", init.name, list(init.dims))
onnx.checker.check_model(m)
onnx.save(m, dst)
