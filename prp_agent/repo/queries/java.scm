; prp-agent: calls, definitions, classes, fields, constants and annotations of Java source.
(method_invocation object: (_) @call.receiver name: (identifier) @call.name arguments: (argument_list) @call.args) @call
(method_invocation !object name: (identifier) @call.name arguments: (argument_list) @call.args) @call
(method_declaration name: (identifier) @def.name parameters: (formal_parameters) @def.params) @def
(class_declaration name: (identifier) @class.name body: (class_body) @class.body) @class
(interface_declaration name: (identifier) @class.name body: (interface_body) @class.body) @class
(record_declaration name: (identifier) @class.name body: (class_body) @class.body) @class
(variable_declarator name: (identifier) @assign.name value: (_) @assign.value) @assign
(annotation name: (_) @annotation.name arguments: (annotation_argument_list) @annotation.args) @annotation
(marker_annotation name: (_) @annotation.name) @annotation
