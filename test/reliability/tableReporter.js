class R { onRunComplete() {} } module.exports = R;
